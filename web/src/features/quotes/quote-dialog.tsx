import { useEffect, useMemo } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { lineAmountFen, MONEY_MAX_FEN, parseMoney, sum, toMilli } from '../../../../common/money.js';
import { ApiError, errorText } from '../../api/client';
import { useProducts } from '../../api/products';
import { useSaveQuote } from '../../api/quotes';
import type { Customer, Product, Quote } from '../../api/types';
import { useDayjsLocale, ymd, ymdOrNull } from '../../components/day-locale';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { isMoney, moneyInput, moneyRule, useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';

export interface QuoteTarget {
  customer: Customer;
  quote?: Quote;
}

interface LineForm {
  productId?: string;
  quantity?: number | null;
  unitPrice?: string;
  discount?: string;
}
interface QuoteForm {
  quotedOn: Dayjs;
  validUntil?: Dayjs | null;
  notes: string;
  lines: LineForm[];
}

/** A line's amount in fen from what is typed (integer math), or null while incomplete or past the maximum. */
export function lineFen(l: LineForm | undefined): number | null {
  if (!l || !l.quantity || l.quantity <= 0 || !isMoney(l.unitPrice)) return null;
  const discount = l.discount && l.discount.trim() !== '' ? (isMoney(l.discount) ? parseMoney(l.discount.trim()) : null) : 0;
  if (discount === null) return null;
  const amount = lineAmountFen(toMilli(l.quantity), parseMoney((l.unitPrice ?? '').trim()), discount);
  return amount <= BigInt(MONEY_MAX_FEN) ? Number(amount) : null;
}

/** Creates or edits a quote (zone 6): dates, notes and product lines with a live total. */
export function QuoteDialog({ target, onClose }: { target: QuoteTarget | null; onClose: () => void }) {
  const t = useT();
  const money = useMoney();
  useDayjsLocale();
  const { report } = useMessages();
  const save = useSaveQuote();
  const products = useProducts({ active: 'true', pageSize: 500, sort: 'code', order: 'asc' }, target !== null);
  const [form] = Form.useForm<QuoteForm>();
  const quote = target?.quote;
  const lines = Form.useWatch('lines', form);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const q = target.quote;
    form.setFieldsValue(
      q
        ? {
            quotedOn: dayjs(q.quotedOn),
            validUntil: q.validUntil ? dayjs(q.validUntil) : null,
            notes: q.notes,
            lines: q.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount === '0.00' ? '' : l.discount })),
          }
        : { quotedOn: dayjs(), validUntil: dayjs().add(30, 'day'), notes: '', lines: [{ quantity: 1 }] },
    );
  }, [target, form]);

  // Active products, plus those already on this quote (they may have been deactivated since).
  const byId = useMemo(() => {
    const m = new Map<string, Pick<Product, 'id' | 'code' | 'name' | 'price' | 'unit'>>();
    for (const p of products.data?.items ?? []) m.set(p.id, p);
    for (const l of quote?.lines ?? []) if (!m.has(l.productId)) m.set(l.productId, { id: l.productId, code: l.productCode, name: l.productName, price: l.unitPrice, unit: l.unit });
    return m;
  }, [products.data, quote]);
  const productOptions = [...byId.values()].map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }));

  const amounts = (lines ?? []).map(lineFen);
  const total = amounts.every((a) => a !== null) ? sum(amounts as number[]) : null;

  const onFinish = async (v: QuoteForm) => {
    if (!target) return;
    const input = {
      quotedOn: ymd(v.quotedOn),
      validUntil: ymdOrNull(v.validUntil),
      notes: v.notes.trim(),
      lines: v.lines.map((l) => ({ productId: l.productId ?? '', quantity: l.quantity ?? 0, unitPrice: moneyInput(l.unitPrice), discount: moneyInput(l.discount) })),
    };
    const name = target.customer.name;
    try {
      if (quote) {
        await save.mutateAsync({ customerId: target.customer.id, quoteId: quote.id, input: { ...input, version: quote.version } });
        report({ type: 'success', text: t('quote.updated', { name }) });
      } else {
        await save.mutateAsync({ customerId: target.customer.id, input });
        report({ type: 'success', text: t('quote.created', { name }) });
      }
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      const stale = e instanceof ApiError && e.code === 'stale_version';
      const reason = stale ? t('common.stale') : errorText(e);
      report({ type: 'error', text: quote ? t('quote.updateFailed', { reason }) : t('quote.createFailed', { reason }) });
      if (stale) onClose();
    }
  };

  return (
    <Modal
      title={quote ? t('quote.editTitle', { name: target?.customer.name ?? '' }) : t('quote.createTitle', { name: target?.customer.name ?? '' })}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'quote-form-ok' }}
      confirmLoading={save.isPending}
      width={920}
      destroyOnHidden
    >
      <Form<QuoteForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="quote-form">
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="quotedOn" label={t('quote.quotedOn')} rules={[{ required: true, message: t('common.required') }]} style={{ width: 180 }}>
            <DatePicker id="quote-quotedOn" style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="validUntil"
            label={t('quote.validUntil')}
            dependencies={['quotedOn']}
            style={{ width: 180 }}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_r, value: Dayjs | null | undefined) => {
                  const from = getFieldValue('quotedOn') as Dayjs | undefined;
                  if (value && from && value.isBefore(from, 'day')) return Promise.reject(new Error(t('quote.validBeforeQuoted')));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker id="quote-validUntil" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="notes" label={t('quote.notes')} rules={[{ max: 2000 }]} style={{ flex: 1 }}>
            <Input.TextArea id="quote-notes" autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </div>
        <div className="kehu-lines-head">
          <span style={{ flex: 1 }}>{t('quote.product')}</span>
          <span style={{ width: 100 }}>{t('quote.quantity')}</span>
          <span style={{ width: 130 }}>{t('quote.unitPrice')}</span>
          <span style={{ width: 110 }}>{t('quote.discount')}</span>
          <span style={{ width: 130, textAlign: 'right' }}>{t('quote.lineAmount')}</span>
          <span style={{ width: 32 }} />
        </div>
        <Form.List name="lines" rules={[{ validator: (_r, v: LineForm[] | undefined) => (v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('quote.noLines')))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <div data-testid="quote-lines">
              {fields.map((field, i) => {
                const amount = amounts[i] ?? null;
                return (
                  <div key={field.key} className="kehu-line" data-testid="quote-line">
                    <Form.Item name={[field.name, 'productId']} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1, minWidth: 0 }}>
                      <Select
                        id={`quote-line-${i}-product`}
                        showSearch={{ optionFilterProp: 'label' }}
                        placeholder={t('quote.pickProduct')}
                        options={productOptions}
                        loading={products.isFetching}
                        onChange={(pid: string) => {
                          const p = byId.get(pid);
                          if (p) form.setFieldValue(['lines', field.name, 'unitPrice'], p.price);
                        }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'quantity']}
                      style={{ width: 100 }}
                      rules={[{ required: true, message: t('common.required') }, { type: 'number', min: 0.001, message: t('quote.quantityInvalid') }]}
                    >
                      <InputNumber id={`quote-line-${i}-quantity`} min={0} precision={3} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unitPrice']} style={{ width: 130 }} required rules={[moneyRule(t, true)]}>
                      <Input id={`quote-line-${i}-unitPrice`} prefix="¥" inputMode="decimal" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'discount']} style={{ width: 110 }} rules={[moneyRule(t)]}>
                      <Input id={`quote-line-${i}-discount`} inputMode="decimal" placeholder="0.00" />
                    </Form.Item>
                    <div style={{ width: 130, textAlign: 'right', paddingTop: 5, color: amount !== null && amount < 0 ? '#cf1322' : undefined }} data-testid="quote-line-amount">
                      {amount === null ? '—' : money(amount)}
                    </div>
                    <Button type="text" icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} aria-label={t('quote.removeLine')} />
                  </div>
                );
              })}
              <Form.ErrorList errors={errors} />
              <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} data-testid="quote-add-line">
                  {t('quote.addLine')}
                </Button>
                <div style={{ flex: 1 }} />
                <Typography.Text strong data-testid="quote-total">
                  {t('quote.total')}：{total === null ? '—' : money(total)}
                </Typography.Text>
                <span style={{ width: 32 }} />
              </div>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
