import { useEffect } from 'react';
import { Table, Tag, Typography, type TableProps } from 'antd';
import { errorText } from '../../api/client';
import { usePurchases } from '../../api/purchases';
import { useAnnualFees } from '../../api/reports';
import type { AnnualFeeRow, Customer, Purchase } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { fenOf, useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';

/** Zone 9 for one customer: its annual fees falling due within a year (and overdue ones), and what it owes. */
export function FeesTab({ customer }: { customer: Customer }) {
  const t = useT();
  const fmt = useDateFormats();
  const money = useMoney();
  const { report } = useMessages();
  const fees = useAnnualFees({ customerId: customer.id, withinDays: 366, pageSize: 200 });
  const purchases = usePurchases(customer.id);

  useEffect(() => {
    const e = fees.error ?? purchases.error;
    if (e) report({ type: 'error', text: t('fees.loadFailed', { reason: errorText(e) }) });
  }, [fees.error, purchases.error, report, t]);

  const owing = (purchases.data?.items ?? []).filter((p) => fenOf(p.owedAmount) > 0);
  const owedTotal = owing.reduce((a, p) => a + fenOf(p.owedAmount), 0);

  const feeColumns: TableProps<AnnualFeeRow>['columns'] = [
    { title: t('purchase.product'), dataIndex: 'productName', key: 'product', ellipsis: true },
    { title: t('purchase.annualFee'), dataIndex: 'annualFee', key: 'fee', width: 110, align: 'right', render: (v: string) => money(v) },
    { title: t('report.dueOn'), dataIndex: 'dueOn', key: 'due', width: 130, render: (v: string) => fmt.date(v) },
    {
      title: t('report.overdue'),
      dataIndex: 'overdueDays',
      key: 'overdue',
      width: 120,
      render: (d: number, r) => (
        <span title={r.remindedAt ? `${t('report.remindedAt')} ${fmt.dateTimeShort(r.remindedAt)}${r.reminderNote ? ` · ${r.reminderNote}` : ''}` : undefined}>
          {d > 0 ? <Tag color="red">{t('report.overdueDays', { days: d })}</Tag> : <Tag color="blue">{t('report.notYetDue')}</Tag>}
        </span>
      ),
    },
  ];
  const owedColumns: TableProps<Purchase>['columns'] = [
    {
      title: t('purchase.product'),
      dataIndex: 'productName',
      key: 'product',
      ellipsis: true,
      render: (name: string, p) => <span title={`${name} · ${fmt.date(p.purchasedOn)}`}>{name}</span>,
    },
    { title: t('purchase.amount'), dataIndex: 'amount', key: 'amount', width: 115, align: 'right', render: (v: string) => money(v) },
    { title: t('purchase.paid'), dataIndex: 'paidAmount', key: 'paid', width: 115, align: 'right', render: (v: string) => money(v) },
    { title: t('purchase.owed'), dataIndex: 'owedAmount', key: 'owed', width: 115, align: 'right', render: (v: string) => <Typography.Text type="danger">{money(v)}</Typography.Text> },
  ];
  return (
    <div data-testid="fees-tab" className="kehu-fees-tab">
      <div>
        <div className="kehu-tab-toolbar">
          <Typography.Text strong>{t('fees.dueTitle')}</Typography.Text>
          <Typography.Text type="secondary" data-testid="fees-due-total">
            {fees.data ? t('fees.dueTotal', { count: fees.data.totals.count, amount: money(fees.data.totals.annualFee) }) : ''}
          </Typography.Text>
        </div>
        <Table<AnnualFeeRow>
          data-testid="fees-due-table"
          rowKey="purchaseId"
          size="small"
          loading={fees.isFetching}
          dataSource={fees.data?.items ?? []}
          columns={feeColumns}
          pagination={false}
          rowClassName={(r) => (r.overdueDays > 0 ? 'kehu-row-overdue' : '')}
          locale={{ emptyText: t('fees.noneDue') }}
        />
      </div>
      <div>
        <div className="kehu-tab-toolbar">
          <Typography.Text strong>{t('fees.owedTitle')}</Typography.Text>
          <Typography.Text type={owedTotal > 0 ? 'danger' : 'secondary'} data-testid="fees-owed-total">
            {t('purchase.owedTotal', { amount: money(owedTotal) })}
          </Typography.Text>
        </div>
        <Table<Purchase>
          data-testid="fees-owed-table"
          rowKey="id"
          size="small"
          loading={purchases.isFetching}
          dataSource={owing}
          columns={owedColumns}
          pagination={false}
          locale={{ emptyText: t('fees.noneOwed') }}
        />
      </div>
    </div>
  );
}
