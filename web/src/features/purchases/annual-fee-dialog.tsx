import { useEffect } from 'react';
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorText } from '../../api/client';
import { useAddAnnualFeePayment } from '../../api/purchases';
import type { Customer, Purchase } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useDayjsLocale, ymd } from '../../components/day-locale';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { moneyInput, moneyRule, useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';

export interface AnnualFeeTarget {
  customer: Customer;
  purchase: Purchase;
}

interface FeeForm {
  paidOn: Dayjs;
  amount: string;
  notes: string;
}

/** 年费已缴: one year's annual fee paid; the purchase's due date moves one year on. */
export function AnnualFeeDialog({ target, onClose }: { target: AnnualFeeTarget | null; onClose: () => void }) {
  const t = useT();
  const fmt = useDateFormats();
  const money = useMoney();
  useDayjsLocale();
  const { report } = useMessages();
  const add = useAddAnnualFeePayment();
  const [form] = Form.useForm<FeeForm>();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({ paidOn: dayjs(), amount: target.purchase.annualFee, notes: '' });
  }, [target, form]);

  const onFinish = async (v: FeeForm) => {
    if (!target) return;
    const { customer, purchase } = target;
    try {
      await add.mutateAsync({ customerId: customer.id, purchaseId: purchase.id, input: { paidOn: ymd(v.paidOn), amount: moneyInput(v.amount), notes: v.notes.trim() } });
      // The new due date, as the server moved it.
      const fresh = await api<Purchase>(`/api/customers/${encodeURIComponent(customer.id)}/purchases/${encodeURIComponent(purchase.id)}`).catch(() => null);
      report({ type: 'success', text: t('annualFee.paid', { product: purchase.productName, date: fresh?.annualFeeDueOn ? fmt.date(fresh.annualFeeDueOn) : '—' }) });
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      report({ type: 'error', text: t('annualFee.payFailed', { product: purchase.productName, reason: errorText(e) }) });
    }
  };

  const today = dayjs().endOf('day');
  return (
    <Modal
      title={t('annualFee.payTitle', { product: target?.purchase.productName ?? '' })}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'annual-fee-form-ok' }}
      confirmLoading={add.isPending}
      width={460}
      destroyOnHidden
    >
      {target && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('annualFee.payInfo', { fee: money(target.purchase.annualFee), due: target.purchase.annualFeeDueOn ? fmt.date(target.purchase.annualFeeDueOn) : '—' })}
        />
      )}
      <Form<FeeForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="annual-fee-form">
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="paidOn" label={t('payment.paidOn')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1 }}>
            <DatePicker id="annual-fee-paidOn" style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(today)} />
          </Form.Item>
          <Form.Item name="amount" label={t('payment.amount')} rules={[moneyRule(t)]} style={{ flex: 1 }}>
            <Input id="annual-fee-amount" prefix="¥" inputMode="decimal" />
          </Form.Item>
        </div>
        <Form.Item name="notes" label={t('payment.notes')} rules={[{ max: 500 }]} style={{ marginBottom: 0 }}>
          <Input.TextArea id="annual-fee-notes" autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
