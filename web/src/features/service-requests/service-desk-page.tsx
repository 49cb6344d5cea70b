import { useEffect, useState } from 'react';
import { InputNumber, Segmented, Select, Table, Typography, type TableProps } from 'antd';
import { can } from '../../../../common/roles.js';
import { errorText } from '../../api/client';
import { useServiceDesk } from '../../api/service-requests';
import { useMe } from '../../api/session';
import { useUserOptions } from '../../api/users';
import type { DeskParams, ServicePriority, ServiceRequest, ServiceStatus } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { DeskDrawer } from './desk-drawer';
import { PriorityTag, servicePriorities, serviceStatuses, ServiceStatusTag } from './service-format';
import './service.css';

type Scope = 'mine' | 'all';

const daysSince = (iso: string) => Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 86_400_000));

/** 服务台: the requests to work on, for everyone logged in (the home page of staff members). */
export function ServiceDeskPage() {
  const t = useT();
  const fmt = useDateFormats();
  const { report } = useMessages();
  const me = useMe().data;
  const ownsCustomers = !!me && can(me.role, 'customers.use');
  // Staff members work on what is assigned to them; the others oversee all open requests they can see.
  const [scope, setScope] = useState<Scope>(ownsCustomers ? 'all' : 'mine');
  const [status, setStatus] = useState<ServiceStatus | 'open'>('open');
  const [priority, setPriority] = useState<ServicePriority | undefined>();
  const [assigneeId, setAssigneeId] = useState<string | undefined>();
  const [overdueDays, setOverdueDays] = useState<number | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [openId, setOpenId] = useState<string | null>(null);
  const users = useUserOptions();

  const params: DeskParams = {
    ...paging,
    status,
    priority,
    assigneeId: scope === 'mine' ? undefined : assigneeId,
    overdueDays: overdueDays ?? undefined,
    mine: scope === 'mine' ? 'true' : undefined,
  };
  const list = useServiceDesk(params);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('desk.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const filtered = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: TableProps<ServiceRequest>['columns'] = [
    { title: t('service.title'), dataIndex: 'title', key: 'title', ellipsis: true },
    { title: t('service.customer'), dataIndex: 'customerName', key: 'customer', width: 200, ellipsis: true },
    { title: t('service.priorityLabel'), dataIndex: 'priority', key: 'priority', width: 80, render: (_: unknown, r) => <PriorityTag priority={r.priority} /> },
    { title: t('service.statusLabel'), dataIndex: 'status', key: 'status', width: 96, render: (_: unknown, r) => <ServiceStatusTag status={r.status} /> },
    { title: t('service.assignee'), dataIndex: 'assigneeName', key: 'assignee', width: 100, ellipsis: true },
    { title: t('service.reportedOn'), dataIndex: 'reportedOn', key: 'reportedOn', width: 136, render: (v: string) => fmt.date(v) },
    {
      title: t('service.lastProgress'),
      dataIndex: 'lastProgressAt',
      key: 'progress',
      width: 150,
      render: (v: string) => {
        const d = daysSince(v);
        return (
          <span title={fmt.dateTime(v)}>
            {d === 0 ? t('desk.today') : <Typography.Text type={d >= 3 ? 'danger' : undefined}>{t('desk.daysAgo', { days: d })}</Typography.Text>}
          </span>
        );
      },
    },
    { title: t('service.product'), dataIndex: 'productName', key: 'product', width: 150, ellipsis: true },
  ];

  return (
    <div data-testid="service-desk-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('desk.title')}
      </Typography.Title>
      <div className="kehu-desk-filters">
        <Segmented<Scope>
          value={scope}
          onChange={filtered(setScope)}
          options={[
            { value: 'mine', label: <span data-testid="desk-scope-mine">{t('desk.mine')}</span> },
            { value: 'all', label: <span data-testid="desk-scope-all">{t('desk.all')}</span> },
          ]}
        />
        <Select<ServiceStatus | 'open'>
          id="desk-status"
          value={status}
          onChange={filtered(setStatus)}
          aria-label={t('service.statusLabel')}
          options={[{ value: 'open', label: t('desk.open') }, ...serviceStatuses.map((s) => ({ value: s, label: t.known('service.status', s) }))]}
        />
        <Select<ServicePriority>
          id="desk-priority"
          value={priority}
          onChange={filtered(setPriority)}
          allowClear
          placeholder={t('desk.anyPriority')}
          aria-label={t('service.priorityLabel')}
          options={servicePriorities.map((p) => ({ value: p, label: t.known('service.priority', p) }))}
        />
        {scope === 'all' && (
          <Select<string>
            id="desk-assignee"
            value={assigneeId}
            onChange={filtered(setAssigneeId)}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('desk.anyAssignee')}
            aria-label={t('service.assignee')}
            options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          />
        )}
        <span className="kehu-desk-overdue">
          <span>{t('desk.overdueBefore')}</span>
          <InputNumber<number>
            id="desk-overdue"
            size="middle"
            min={1}
            max={3650}
            precision={0}
            value={overdueDays}
            onChange={filtered(setOverdueDays)}
            style={{ width: 72 }}
            aria-label={t('desk.overdueLabel')}
          />
          <span>{t('desk.overdueAfter')}</span>
        </span>
      </div>
      <Table<ServiceRequest>
        data-testid="desk-table"
        className="kehu-clickable-rows"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1000 }}
        locale={{ emptyText: scope === 'mine' ? t('desk.emptyMine') : t('desk.empty') }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id) })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          size: 'small',
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      <DeskDrawer requestId={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
