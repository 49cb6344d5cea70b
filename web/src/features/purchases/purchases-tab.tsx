import { useEffect, useState } from 'react';
import { Button, Dropdown, Space, Table, Tag, Typography, type MenuProps, type TableProps } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { CalendarOutlined, DeleteOutlined, EditOutlined, MoreOutlined, PlusOutlined, TransactionOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useAnnualFeePayments, useDeleteAnnualFeePayment, useDeletePayment, useDeletePurchase, usePayments, usePurchases } from '../../api/purchases';
import type { AnnualFeePayment, Customer, Payment, Purchase } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { fenOf, useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';
import { AnnualFeeDialog, type AnnualFeeTarget } from './annual-fee-dialog';
import { PaymentDialog, type PaymentTarget } from './payment-dialog';
import { PurchaseDialog, type PurchaseTarget } from './purchase-dialog';

/** Zone 7: what the selected customer bought, what is paid and owed, and the annual fees. */
export function PurchasesTab({ customer }: { customer: Customer }) {
  const t = useT();
  const fmt = useDateFormats();
  const money = useMoney();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const list = usePurchases(customer.id);
  const remove = useDeletePurchase();
  const [dialog, setDialog] = useState<PurchaseTarget | null>(null);
  const [payment, setPayment] = useState<PaymentTarget | null>(null);
  const [fee, setFee] = useState<AnnualFeeTarget | null>(null);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('purchase.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const confirmDelete = (p: Purchase) =>
    modal.confirm({
      title: t('purchase.delete'),
      content: t('purchase.confirmDelete', { product: p.productName, date: fmt.date(p.purchasedOn) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'purchase-delete-ok' },
      onOk: () =>
        remove
          .mutateAsync({ customerId: customer.id, purchaseId: p.id })
          .then(() => report({ type: 'success', text: t('purchase.deleted', { product: p.productName }) }))
          .catch((e: unknown) => report({ type: 'error', text: t('purchase.deleteFailed', { product: p.productName, reason: errorText(e) }) })),
    });

  const moreItems = (p: Purchase): MenuProps['items'] => [
    { key: 'edit', label: t('purchase.edit'), icon: <EditOutlined />, onClick: () => setDialog({ customer, purchase: p }) },
    { key: 'pay', label: t('payment.add'), icon: <TransactionOutlined />, disabled: fenOf(p.owedAmount) <= 0, onClick: () => setPayment({ customer, purchase: p }) },
    { key: 'fee', label: t('annualFee.pay'), icon: <CalendarOutlined />, disabled: !p.annualFeeDueOn, onClick: () => setFee({ customer, purchase: p }) },
    { type: 'divider' },
    { key: 'delete', label: t('purchase.delete'), icon: <DeleteOutlined />, danger: true, onClick: () => confirmDelete(p) },
  ];

  const items = list.data?.items ?? [];
  const columns: TableProps<Purchase>['columns'] = [
    { title: t('purchase.product'), key: 'product', ellipsis: true, render: (_: unknown, p) => `${p.productName}` },
    { title: t('quote.quantity'), dataIndex: 'quantity', key: 'quantity', width: 84, align: 'right', render: (q: number, p) => `${q}${p.unit}` },
    { title: t('quote.unitPrice'), dataIndex: 'unitPrice', key: 'unitPrice', width: 110, align: 'right', render: (v: string) => money(v) },
    { title: t('purchase.amount'), dataIndex: 'amount', key: 'amount', width: 110, align: 'right', render: (v: string) => money(v) },
    { title: t('purchase.paid'), dataIndex: 'paidAmount', key: 'paid', width: 110, align: 'right', render: (v: string) => money(v) },
    {
      title: t('purchase.owed'),
      dataIndex: 'owedAmount',
      key: 'owed',
      width: 110,
      align: 'right',
      render: (v: string) => (fenOf(v) > 0 ? <Typography.Text type="danger">{money(v)}</Typography.Text> : <Tag color="green">{t('purchase.settled')}</Tag>),
    },
    { title: t('purchase.purchasedOn'), dataIndex: 'purchasedOn', key: 'purchasedOn', width: 110, render: (v: string) => fmt.date(v) },
    { title: t('purchase.annualFee'), dataIndex: 'annualFee', key: 'annualFee', width: 100, align: 'right', render: (v: string) => (fenOf(v) > 0 ? money(v) : '') },
    { title: t('purchase.annualFeeDueOn'), dataIndex: 'annualFeeDueOn', key: 'due', width: 110, render: (v: string | null) => fmt.date(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 196,
      fixed: 'right',
      render: (_: unknown, p) => (
        <Space size={0}>
          <Button size="small" type="link" disabled={fenOf(p.owedAmount) <= 0} onClick={() => setPayment({ customer, purchase: p })} data-testid="payment-add">
            {t('payment.addShort')}
          </Button>
          {p.annualFeeDueOn && (
            <Button size="small" type="link" onClick={() => setFee({ customer, purchase: p })} data-testid="annual-fee-pay">
              {t('annualFee.payShort')}
            </Button>
          )}
          <Dropdown menu={{ items: moreItems(p) }} trigger={['click']}>
            <Button size="small" type="text" icon={<MoreOutlined />} data-testid="purchase-more" aria-label={t('common.more')} />
          </Dropdown>
        </Space>
      ),
    },
  ];

  const owed = items.reduce((a, p) => a + fenOf(p.owedAmount), 0);
  return (
    <div data-testid="purchases-tab">
      <div className="kehu-tab-toolbar">
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ customer })} data-testid="purchase-add">
          {t('purchase.add')}
        </Button>
        <Typography.Text type="secondary" className="kehu-toolbar-hint">
          {t('purchase.hint')}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        {items.length > 0 && (
          <Typography.Text data-testid="purchases-owed" type={owed > 0 ? 'danger' : 'secondary'}>
            {t('purchase.owedTotal', { amount: money(owed) })}
          </Typography.Text>
        )}
      </div>
      <Table<Purchase>
        data-testid="purchases-table"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        columns={columns}
        pagination={false}
        scroll={{ x: 1260 }}
        locale={{ emptyText: t('purchase.empty') }}
        expandable={{ expandedRowRender: (p) => <PurchaseMoney customer={customer} purchase={p} />, columnWidth: 32 }}
        onRow={(p) => ({ onDoubleClick: () => setDialog({ customer, purchase: p }) })}
      />
      <PurchaseDialog target={dialog} onClose={() => setDialog(null)} />
      <PaymentDialog target={payment} onClose={() => setPayment(null)} />
      <AnnualFeeDialog target={fee} onClose={() => setFee(null)} />
    </div>
  );
}

/** An expanded purchase: its payments and its annual-fee payments. */
function PurchaseMoney({ customer, purchase }: { customer: Customer; purchase: Purchase }) {
  const t = useT();
  const fmt = useDateFormats();
  const money = useMoney();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const payments = usePayments(customer.id, purchase.id);
  const fees = useAnnualFeePayments(customer.id, purchase.id);
  const removePayment = useDeletePayment();
  const removeFee = useDeleteAnnualFeePayment();

  useEffect(() => {
    const e = payments.error ?? fees.error;
    if (e) report({ type: 'error', text: t('payment.loadFailed', { reason: errorText(e) }) });
  }, [payments.error, fees.error, report, t]);

  const deletePayment = (p: Payment) =>
    modal.confirm({
      title: t('payment.delete'),
      content: t('payment.confirmDelete', { amount: money(p.amount), date: fmt.date(p.paidOn) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'payment-delete-ok' },
      onOk: () =>
        removePayment
          .mutateAsync({ customerId: customer.id, purchaseId: purchase.id, paymentId: p.id })
          .then(() => report({ type: 'success', text: t('payment.deleted', { amount: money(p.amount), product: purchase.productName }) }))
          .catch((e: unknown) => report({ type: 'error', text: t('payment.deleteFailed', { reason: errorText(e) }) })),
    });

  const feeItems = fees.data?.items ?? [];
  const latestFee = [...feeItems].sort((a, b) => b.coveredDueOn.localeCompare(a.coveredDueOn))[0];
  const deleteFee = (f: AnnualFeePayment) =>
    modal.confirm({
      title: t('annualFee.delete'),
      content: t('annualFee.confirmDelete', { date: fmt.date(f.coveredDueOn) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'annual-fee-delete-ok' },
      onOk: () =>
        removeFee
          .mutateAsync({ customerId: customer.id, purchaseId: purchase.id, paymentId: f.id })
          .then(() => report({ type: 'success', text: t('annualFee.deleted', { product: purchase.productName, date: fmt.date(f.coveredDueOn) }) }))
          .catch((e: unknown) => report({ type: 'error', text: t('annualFee.deleteFailed', { reason: errorText(e) }) })),
    });

  const paymentColumns: TableProps<Payment>['columns'] = [
    { title: t('payment.paidOn'), dataIndex: 'paidOn', key: 'paidOn', width: 120, render: (v: string) => fmt.date(v) },
    { title: t('payment.amount'), dataIndex: 'amount', key: 'amount', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('payment.method'), dataIndex: 'method', key: 'method', width: 90, render: (m: string | null) => (m ? t.known('payment.method', m) : '') },
    { title: t('payment.notes'), dataIndex: 'notes', key: 'notes', ellipsis: true },
    { title: t('payment.author'), dataIndex: 'authorName', key: 'author', width: 90, ellipsis: true },
    {
      title: '',
      key: 'delete',
      width: 60,
      render: (_: unknown, p) => (
        <Button size="small" type="link" danger onClick={() => deletePayment(p)} data-testid="payment-delete">
          {t('common.delete')}
        </Button>
      ),
    },
  ];
  const feeColumns: TableProps<AnnualFeePayment>['columns'] = [
    { title: t('annualFee.coveredDueOn'), dataIndex: 'coveredDueOn', key: 'covered', width: 120, render: (v: string) => fmt.date(v) },
    { title: t('payment.paidOn'), dataIndex: 'paidOn', key: 'paidOn', width: 120, render: (v: string) => fmt.date(v) },
    { title: t('payment.amount'), dataIndex: 'amount', key: 'amount', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('payment.notes'), dataIndex: 'notes', key: 'notes', ellipsis: true },
    { title: t('payment.author'), dataIndex: 'authorName', key: 'author', width: 90, ellipsis: true },
    {
      title: '',
      key: 'delete',
      width: 60,
      render: (_: unknown, f) =>
        f.id === latestFee?.id ? (
          <Button size="small" type="link" danger onClick={() => deleteFee(f)} data-testid="annual-fee-delete" title={t('annualFee.deleteHint')}>
            {t('common.delete')}
          </Button>
        ) : null,
    },
  ];
  return (
    <div className="kehu-purchase-money" data-testid="purchase-money">
      <Typography.Text strong>{t('payment.listTitle')}</Typography.Text>
      <Table<Payment>
        data-testid="payments-table"
        rowKey="id"
        size="small"
        loading={payments.isFetching}
        dataSource={payments.data?.items ?? []}
        columns={paymentColumns}
        pagination={false}
        locale={{ emptyText: t('payment.empty') }}
      />
      {(purchase.annualFeeDueOn || feeItems.length > 0) && (
        <>
          <Typography.Text strong>{t('annualFee.listTitle')}</Typography.Text>
          <Table<AnnualFeePayment>
            data-testid="annual-fee-payments-table"
            rowKey="id"
            size="small"
            loading={fees.isFetching}
            dataSource={feeItems}
            columns={feeColumns}
            pagination={false}
            locale={{ emptyText: t('annualFee.empty') }}
          />
        </>
      )}
    </div>
  );
}
