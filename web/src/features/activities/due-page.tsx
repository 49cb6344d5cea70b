import { useEffect, useState } from 'react';
import { Segmented, Table, Tag, Typography, type TableProps } from 'antd';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client';
import { useDueFollowUps } from '../../api/activities';
import type { DueFollowUp } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

/** 待跟进: visible customers whose next follow-up date has come (or comes within N days). */
export function DuePage() {
  const t = useT();
  const fmt = useDateFormats();
  const navigate = useNavigate();
  const { report } = useMessages();
  const [withinDays, setWithinDays] = useState(0);
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const list = useDueFollowUps({ ...paging, withinDays });

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('due.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  // The server counts overdue days (never negative); upcoming ones count from the local date.
  const today = new Date(new Date().getTime() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  const daysFromToday = (r: DueFollowUp) =>
    r.overdueDays > 0 ? r.overdueDays : -Math.max(0, Math.round((Date.parse(r.nextFollowUpOn) - Date.parse(today)) / 86_400_000));
  const dueLabel = (d: number) => (d > 0 ? t('due.overdueDays', { days: d }) : d === 0 ? t('due.today') : t('due.inDays', { days: -d }));
  const columns: TableProps<DueFollowUp>['columns'] = [
    { title: t('due.customer'), dataIndex: 'customerName', key: 'customer', ellipsis: true },
    { title: t('due.owner'), dataIndex: 'ownerName', key: 'owner', width: 110, ellipsis: true },
    { title: t('due.nextFollowUpOn'), dataIndex: 'nextFollowUpOn', key: 'next', width: 140, render: (v: string) => fmt.date(v) },
    {
      title: t('due.overdue'),
      key: 'overdue',
      width: 130,
      render: (_: unknown, r) => {
        const d = daysFromToday(r);
        return <Tag color={d > 0 ? 'red' : d === 0 ? 'orange' : 'blue'}>{dueLabel(d)}</Tag>;
      },
    },
    { title: t('due.lastContent'), dataIndex: 'lastContent', key: 'content', ellipsis: true },
  ];

  return (
    <div data-testid="due-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('due.title')}
      </Typography.Title>
      <div className="kehu-tab-toolbar">
        <Segmented<number>
          value={withinDays}
          onChange={(v) => {
            setWithinDays(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[0, 7, 30].map((v) => ({ value: v, label: t.known('due.within', String(v)) }))}
          data-testid="due-within"
        />
        <Typography.Text type="secondary" className="kehu-toolbar-hint">
          {t('due.hint')}
        </Typography.Text>
      </div>
      <Table<DueFollowUp>
        data-testid="due-table"
        className="kehu-clickable-rows"
        rowKey="customerId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: t('due.empty') }}
        onRow={(r) => ({ onClick: () => void navigate(`/customers?id=${encodeURIComponent(r.customerId)}`) })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          size: 'small',
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </div>
  );
}
