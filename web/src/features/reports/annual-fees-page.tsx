import { useEffect, useState } from 'react';
import { Button, Input, Modal, Select, Space, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { can } from '../../../../common/roles.js';
import { errorText } from '../../api/client';
import { useOwnerCandidates } from '../../api/customers';
import { useAnnualFees, useMarkReminded } from '../../api/reports';
import { useMe } from '../../api/session';
import type { AnnualFeeRow } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';
import { ExportMenu } from './export-menu';

const windows = [7, 30, 60, 90, 180, 366];

/** 年费催缴: annual fees falling due within N days, overdue ones first and highlighted. */
export function AnnualFeesPage() {
  const t = useT();
  const fmt = useDateFormats();
  const money = useMoney();
  const navigate = useNavigate();
  const { report } = useMessages();
  const me = useMe().data;
  const isAdmin = !!me && can(me.role, 'customers.admin');
  const owners = useOwnerCandidates(isAdmin);
  const [withinDays, setWithinDays] = useState(30);
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const list = useAnnualFees({ ...paging, withinDays, ownerId });
  const mark = useMarkReminded();
  const [reminding, setReminding] = useState<AnnualFeeRow | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('report.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const submitReminder = () => {
    if (!reminding) return;
    const r = reminding;
    mark
      .mutateAsync({ customerId: r.customerId, purchaseId: r.purchaseId, note: note.trim() || undefined })
      .then(() => {
        report({ type: 'success', text: t('report.reminded', { name: r.customerName, product: r.productName }) });
        setReminding(null);
      })
      .catch((e: unknown) => report({ type: 'error', text: t('report.remindFailed', { name: r.customerName, reason: errorText(e) }) }));
  };

  const totals = list.data?.totals;
  const columns: TableProps<AnnualFeeRow>['columns'] = [
    {
      title: t('report.customer'),
      dataIndex: 'customerName',
      key: 'customer',
      ellipsis: true,
      render: (name: string, r) => (
        <Typography.Link onClick={() => void navigate(`/customers?id=${encodeURIComponent(r.customerId)}`)} data-testid="fee-customer-link">
          {name}
        </Typography.Link>
      ),
    },
    { title: t('report.owner'), dataIndex: 'ownerName', key: 'owner', width: 100, ellipsis: true },
    { title: t('purchase.product'), dataIndex: 'productName', key: 'product', width: 180, ellipsis: true },
    { title: t('purchase.annualFee'), dataIndex: 'annualFee', key: 'fee', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('report.dueOn'), dataIndex: 'dueOn', key: 'due', width: 140, render: (v: string) => fmt.date(v) },
    {
      title: t('report.overdue'),
      dataIndex: 'overdueDays',
      key: 'overdue',
      width: 110,
      render: (d: number) => (d > 0 ? <Tag color="red">{t('report.overdueDays', { days: d })}</Tag> : <Tag color="blue">{t('report.notYetDue')}</Tag>),
    },
    {
      title: t('report.remindedAt'),
      key: 'reminded',
      width: 200,
      ellipsis: true,
      render: (_: unknown, r) =>
        r.remindedAt ? (
          <span title={r.reminderNote ?? ''} data-testid="fee-reminded">
            {fmt.dateTimeShort(r.remindedAt)}
            {r.reminderNote ? ` · ${r.reminderNote}` : ''}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('report.notReminded')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, r) => (
        <Button
          size="small"
          type="link"
          icon={<BellOutlined />}
          onClick={() => {
            setNote('');
            setReminding(r);
          }}
          data-testid="fee-remind"
        >
          {t('report.markReminded')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="annual-fees-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('report.annualFeesTitle')}
      </Typography.Title>
      <div className="kehu-tab-toolbar">
        <span>{t('report.within')}</span>
        <Select<number>
          value={withinDays}
          style={{ width: 120 }}
          onChange={(v) => {
            setWithinDays(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={windows.map((d) => ({ value: d, label: t('report.days', { days: d }) }))}
          data-testid="fee-within"
        />
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
            data-testid="fee-owner"
          />
        )}
        <div style={{ flex: 1 }} />
        <ExportMenu path="/api/reports/annual-fees" query={{ withinDays, ownerId }} baseName="annual-fees" what={t('report.annualFeesTitle')} testId="fee-export" />
      </div>
      <Space size={32} className="kehu-report-totals" data-testid="fee-totals">
        <Statistic title={t('report.feeCount')} value={totals?.count ?? 0} />
        <Statistic title={t('report.feeTotal')} value={totals ? money(totals.annualFee) : '—'} />
        <Statistic title={t('report.overdueCount')} value={totals?.overdueCount ?? 0} styles={{ content: { color: totals?.overdueCount ? '#cf1322' : undefined } }} />
        <Statistic title={t('report.overdueFee')} value={totals ? money(totals.overdueFee) : '—'} styles={{ content: { color: totals?.overdueCount ? '#cf1322' : undefined } }} />
      </Space>
      <Table<AnnualFeeRow>
        data-testid="fee-table"
        rowKey="purchaseId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1040 }}
        rowClassName={(r) => (r.overdueDays > 0 ? 'kehu-row-overdue' : '')}
        locale={{ emptyText: t('report.noFees') }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          size: 'small',
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      <Modal
        title={t('report.markRemindedTitle', { name: reminding?.customerName ?? '' })}
        open={reminding !== null}
        onCancel={() => setReminding(null)}
        onOk={submitReminder}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ id: 'reminder-ok' }}
        confirmLoading={mark.isPending}
        destroyOnHidden
      >
        {reminding && (
          <Typography.Paragraph>
            {t('report.remindInfo', { product: reminding.productName, fee: money(reminding.annualFee), date: fmt.date(reminding.dueOn) })}
          </Typography.Paragraph>
        )}
        <Input.TextArea id="reminder-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} placeholder={t('report.reminderNote')} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Modal>
    </div>
  );
}
