import { useEffect, useState } from 'react';
import { Select, Space, Statistic, Table, Typography, type TableProps } from 'antd';
import { useNavigate } from 'react-router';
import { can } from '../../../../common/roles.js';
import { errorText } from '../../api/client';
import { useOwnerCandidates } from '../../api/customers';
import { useArrears } from '../../api/reports';
import { useMe } from '../../api/session';
import type { ArrearsReport, ArrearsRow } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { fenOf, useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';
import { ExportMenu } from './export-menu';

type OwnerSums = ArrearsReport['totals']['byOwner'][number];
const buckets = ['d0to30', 'd31to60', 'd61to90', 'over90'] as const;

/** 欠款统计: customers who owe money, with ageing, and the totals per salesperson and overall. */
export function ArrearsPage() {
  const t = useT();
  const fmt = useDateFormats();
  const money = useMoney();
  const navigate = useNavigate();
  const { report } = useMessages();
  const me = useMe().data;
  const isAdmin = !!me && can(me.role, 'customers.admin');
  const owners = useOwnerCandidates(isAdmin);
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const list = useArrears({ ...paging, ownerId });

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('report.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const ageingColumns = <T extends { ageing: ArrearsRow['ageing'] }>(): NonNullable<TableProps<T>['columns']> =>
    buckets.map((b) => ({
      title: t.known('report.ageing', b),
      key: b,
      width: 104,
      align: 'right' as const,
      render: (_: unknown, r: T) => (fenOf(r.ageing[b]) > 0 ? <span className={b === 'over90' ? 'kehu-money-bad' : undefined}>{money(r.ageing[b])}</span> : ''),
    }));
  const columns: TableProps<ArrearsRow>['columns'] = [
    {
      title: t('report.customer'),
      dataIndex: 'customerName',
      key: 'customer',
      ellipsis: true,
      render: (name: string, r) => <Typography.Link onClick={() => void navigate(`/customers?id=${encodeURIComponent(r.customerId)}`)}>{name}</Typography.Link>,
    },
    { title: t('report.owner'), dataIndex: 'ownerName', key: 'owner', width: 84, ellipsis: true },
    { title: t('report.totalAmount'), dataIndex: 'totalAmount', key: 'total', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('purchase.paid'), dataIndex: 'paidAmount', key: 'paid', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('purchase.owed'), dataIndex: 'owedAmount', key: 'owed', width: 120, align: 'right', render: (v: string) => <Typography.Text type="danger">{money(v)}</Typography.Text> },
    { title: t('report.oldestUnpaidOn'), dataIndex: 'oldestUnpaidOn', key: 'oldest', width: 120, render: (v: string) => fmt.date(v) },
    ...ageingColumns<ArrearsRow>(),
  ];
  const ownerColumns: TableProps<OwnerSums>['columns'] = [
    { title: t('report.owner'), dataIndex: 'ownerName', key: 'owner', ellipsis: true },
    { title: t('report.customers'), dataIndex: 'customers', key: 'customers', width: 96, align: 'right' },
    { title: t('report.totalAmount'), dataIndex: 'totalAmount', key: 'total', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('purchase.paid'), dataIndex: 'paidAmount', key: 'paid', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('purchase.owed'), dataIndex: 'owedAmount', key: 'owed', width: 120, align: 'right', render: (v: string) => <Typography.Text type="danger">{money(v)}</Typography.Text> },
    ...ageingColumns<OwnerSums>(),
  ];

  const totals = list.data?.totals;
  return (
    <div data-testid="arrears-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('report.arrearsTitle')}
      </Typography.Title>
      <div className="kehu-tab-toolbar">
        {isAdmin && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('customer.filter.owner')}
            style={{ width: 150 }}
            options={(owners.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            onChange={(v: string | undefined) => {
              setOwnerId(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            data-testid="arrears-owner"
          />
        )}
        <Typography.Text type="secondary" className="kehu-toolbar-hint">
          {t('report.arrearsHint')}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <ExportMenu path="/api/reports/arrears" query={{ ownerId }} baseName="arrears" what={t('report.arrearsTitle')} testId="arrears-export" />
      </div>
      <Space size={32} className="kehu-report-totals" data-testid="arrears-totals">
        <Statistic title={t('report.customersOwing')} value={totals?.customers ?? 0} />
        <Statistic title={t('report.totalAmount')} value={totals ? money(totals.totalAmount) : '—'} />
        <Statistic title={t('purchase.paid')} value={totals ? money(totals.paidAmount) : '—'} />
        <Statistic title={t('report.owedTotal')} value={totals ? money(totals.owedAmount) : '—'} styles={{ content: { color: '#cf1322' } }} data-testid="arrears-owed-total" />
        {buckets.map((b) => (
          <Statistic key={b} title={t.known('report.ageing', b)} value={totals ? money(totals.ageing[b]) : '—'} />
        ))}
      </Space>
      <Table<ArrearsRow>
        data-testid="arrears-table"
        rowKey="customerId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1160 }}
        locale={{ emptyText: t('report.noArrears') }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          size: 'small',
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      <Typography.Title level={5}>{t('report.byOwner')}</Typography.Title>
      <Table<OwnerSums>
        data-testid="arrears-by-owner"
        rowKey="ownerId"
        size="small"
        dataSource={totals?.byOwner ?? []}
        columns={ownerColumns}
        scroll={{ x: 1100 }}
        pagination={false}
        locale={{ emptyText: t('report.noArrears') }}
        summary={() =>
          totals && totals.byOwner.length > 0 ? (
            <Table.Summary.Row className="kehu-summary-row">
              <Table.Summary.Cell index={0}>{t('report.overall')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {totals.customers}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {money(totals.totalAmount)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {money(totals.paidAmount)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <span data-testid="arrears-overall-owed">{money(totals.owedAmount)}</span>
              </Table.Summary.Cell>
              {buckets.map((b, i) => (
                <Table.Summary.Cell key={b} index={5 + i} align="right">
                  {money(totals.ageing[b])}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </div>
  );
}
