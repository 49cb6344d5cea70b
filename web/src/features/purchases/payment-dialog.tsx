import { useEffect } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { errorText } from '../../api/client';
import { useAddPayment } from '../../api/purchases';
import type { Customer, PaymentMethod, Purchase } from '../../api/types';
import { useDayjsLocale, ymd } from '../../components/day-locale';
import { applyFieldErrors } from '../../components/form-errors';
import { useMessages } from '../../components/messages';
import { moneyInput, moneyRule, useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';

export const paymentMethods: readonly PaymentMethod[] = ['bank', 'cash', 'wechat', 'alipay', 'cheque', 'other'];

export interface PaymentTarget {
  customer: Customer;
  purchase: Purchase;
}

interface PaymentForm {
  amount: string;
  paidOn: Dayjs;
  method?: PaymentMethod;
  notes: string;
}

/** Records money received against a purchase (回款). The server refuses more than is owed. */
export function PaymentDialog({ target, onClose }: { target: PaymentTarget | null; onClose: () => void }) {
  const t = useT();
  const money = useMoney();
  useDayjsLocale();
  const { report } = useMessages();
  const add = useAddPayment();
  const [form] = Form.useForm<PaymentForm>();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({ amount: '', paidOn: dayjs(), method: 'bank', notes: '' });
  }, [target, form]);

  const onFinish = async (v: PaymentForm) => {
    if (!target) return;
    const amount = moneyInput(v.amount) ?? '0.00';
    const what = { product: target.purchase.productName, amount: money(amount) };
    try {
      await add.mutateAsync({ customerId: target.customer.id, purchaseId: target.purchase.id, input: { amount, paidOn: ymd(v.paidOn), method: v.method, notes: v.notes.trim() } });
      report({ type: 'success', text: t('payment.created', what) });
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      report({ type: 'error', text: t('payment.createFailed', { product: target.purchase.productName, reason: errorText(e) }) });
    }
  };

  const today = dayjs().endOf('day');
  return (
    <Modal
      title={t('payment.createTitle', { product: target?.purchase.productName ?? '' })}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'payment-form-ok' }}
      confirmLoading={add.isPending}
      width={480}
      destroyOnHidden
    >
      {target && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="payment-owed"
          title={t('payment.owedInfo', { amount: money(target.purchase.amount), paid: money(target.purchase.paidAmount), owed: money(target.purchase.owedAmount) })}
        />
      )}
      <Form<PaymentForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="kehu-compact-form" data-testid="payment-form">
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="amount" label={t('payment.amount')} required rules={[moneyRule(t, true)]} style={{ flex: 1 }}>
            <Input id="payment-amount" prefix="¥" inputMode="decimal" autoFocus />
          </Form.Item>
          <Form.Item name="paidOn" label={t('payment.paidOn')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1 }}>
            <DatePicker id="payment-paidOn" style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(today)} />
          </Form.Item>
        </div>
        <Form.Item name="method" label={t('payment.method')}>
          <Select id="payment-method" allowClear options={paymentMethods.map((m) => ({ value: m, label: t.known('payment.method', m) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('payment.notes')} rules={[{ max: 500 }]} style={{ marginBottom: 0 }}>
          <Input.TextArea id="payment-notes" autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
