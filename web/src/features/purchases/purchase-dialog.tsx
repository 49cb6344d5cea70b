import { useEffect, useMemo } from 'react';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, errorText } from '../../api/client';
import { useProducts } from '../../api/products';
import { useSavePurchase } from '../../api/purchases';
import type { Customer, Purchase } from '../../api/types';
import { useDayjsLocale, ymd, ymdOrNull } from '../../components/day-locale';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { moneyInput, moneyRule, useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';
import { lineFen } from '../quotes/quote-dialog';

export interface PurchaseTarget {
  customer: Customer;
  purchase?: Purchase;
}

interface PurchaseForm {
  productId?: string;
  quantity?: number | null;
  unitPrice?: string;
  discount?: string;
  purchasedOn: Dayjs;
  annualFee?: string;
  annualFeeDueOn?: Dayjs | null;
  notes: string;
}

/** Registers or edits a purchase (zone 7): product, quantity, price, date, annual fee and its due date. */
export function PurchaseDialog({ target, onClose }: { target: PurchaseTarget | null; onClose: () => void }) {
  const t = useT();
  const money = useMoney();
  useDayjsLocale();
  const { report } = useMessages();
  const save = useSavePurchase();
  const purchase = target?.purchase;
  const products = useProducts({ active: 'true', pageSize: 500, sort: 'code', order: 'asc' }, target !== null && !purchase);
  const [form] = Form.useForm<PurchaseForm>();
  const watched = Form.useWatch([], form) as PurchaseForm | undefined;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const p = target.purchase;
    form.setFieldsValue(
      p
        ? {
            productId: p.productId,
            quantity: p.quantity,
            unitPrice: p.unitPrice,
            discount: p.discount === '0.00' ? '' : p.discount,
            purchasedOn: dayjs(p.purchasedOn),
            annualFee: p.annualFee,
            annualFeeDueOn: p.annualFeeDueOn ? dayjs(p.annualFeeDueOn) : null,
            notes: p.notes,
          }
        : { quantity: 1, purchasedOn: dayjs(), notes: '', annualFeeDueOn: null },
    );
  }, [target, form]);

  const byId = useMemo(() => new Map((products.data?.items ?? []).map((p) => [p.id, p])), [products.data]);
  const productOptions = purchase
    ? [{ value: purchase.productId, label: `${purchase.productCode} ${purchase.productName}` }]
    : [...byId.values()].map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }));
  const amount = lineFen(watched);

  const onFinish = async (v: PurchaseForm) => {
    if (!target) return;
    const common = {
      quantity: v.quantity ?? 0,
      unitPrice: moneyInput(v.unitPrice),
      discount: moneyInput(v.discount) ?? '0.00',
      purchasedOn: ymd(v.purchasedOn),
      annualFee: moneyInput(v.annualFee) ?? '0.00',
      notes: v.notes.trim(),
    };
    const name = target.customer.name;
    try {
      if (purchase) {
        await save.mutateAsync({
          customerId: target.customer.id,
          purchaseId: purchase.id,
          input: { ...common, annualFeeDueOn: ymdOrNull(v.annualFeeDueOn), version: purchase.version },
        });
        report({ type: 'success', text: t('purchase.updated', { product: purchase.productName, name }) });
      } else {
        const due = ymdOrNull(v.annualFeeDueOn);
        const saved = await save.mutateAsync({ customerId: target.customer.id, input: { ...common, productId: v.productId ?? '', ...(due ? { annualFeeDueOn: due } : {}) } });
        report({ type: 'success', text: t('purchase.created', { product: saved.productName, name }) });
      }
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      const stale = e instanceof ApiError && e.code === 'stale_version';
      const reason = stale ? t('common.stale') : errorText(e);
      report({ type: 'error', text: purchase ? t('purchase.updateFailed', { reason }) : t('purchase.createFailed', { reason }) });
      if (stale) onClose();
    }
  };

  const today = dayjs().endOf('day');
  return (
    <Modal
      title={purchase ? t('purchase.editTitle', { name: target?.customer.name ?? '' }) : t('purchase.createTitle', { name: target?.customer.name ?? '' })}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'purchase-form-ok' }}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
    >
      <Form<PurchaseForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="purchase-form">
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="productId" label={t('purchase.product')} rules={[{ required: true, message: t('common.required') }]}>
              <Select
                id="purchase-productId"
                disabled={!!purchase}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('quote.pickProduct')}
                options={productOptions}
                loading={products.isFetching}
                onChange={(pid: string) => {
                  const p = byId.get(pid);
                  if (p) form.setFieldsValue({ unitPrice: p.price, annualFee: p.annualFee });
                }}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="quantity" label={t('quote.quantity')} rules={[{ required: true, message: t('common.required') }, { type: 'number', min: 0.001, message: t('quote.quantityInvalid') }]}>
              <InputNumber id="purchase-quantity" min={0} precision={3} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unitPrice" label={t('quote.unitPrice')} required rules={[moneyRule(t, true)]}>
              <Input id="purchase-unitPrice" prefix="¥" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="discount" label={t('quote.discount')} rules={[moneyRule(t)]}>
              <Input id="purchase-discount" inputMode="decimal" placeholder="0.00" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label={t('purchase.amount')}>
              <Typography.Text strong data-testid="purchase-amount" style={{ lineHeight: '32px' }}>
                {amount === null ? '—' : money(amount)}
              </Typography.Text>
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="purchasedOn" label={t('purchase.purchasedOn')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker id="purchase-purchasedOn" style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(today)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="annualFee" label={t('purchase.annualFee')} rules={[moneyRule(t)]}>
              <Input id="purchase-annualFee" prefix="¥" inputMode="decimal" placeholder="0.00" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="annualFeeDueOn" label={t('purchase.annualFeeDueOn')} extra={purchase ? undefined : t('purchase.dueDefault')}>
              <DatePicker id="purchase-annualFeeDueOn" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('purchase.notes')} rules={[{ max: 2000 }]} style={{ marginBottom: 0 }}>
              <Input.TextArea id="purchase-notes" autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
