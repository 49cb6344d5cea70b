import { useEffect, useMemo, useState } from 'react';
import { Button, Modal, Segmented, Select, Table, Tabs, Typography, type TableProps } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { errorText } from '../../api/client';
import { useDelegations, useRevokeAll } from '../../api/delegations';
import type { Delegation, DelegationParams } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { useConfirmRevoke } from './customer-delegations-tab';
import { DelegationState, useDelegationHistory } from './delegation-format';

type Direction = 'given' | 'received';
type StateFilter = 'active' | 'ended' | 'all';

function DelegationList({ direction }: { direction: Direction }) {
  const t = useT();
  const fmt = useDateFormats();
  const { report } = useMessages();
  const [state, setState] = useState<StateFilter>('active');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const params: DelegationParams = { direction, state: state === 'all' ? undefined : state, ...paging };
  const list = useDelegations(params);
  const history = useDelegationHistory();
  const confirmRevoke = useConfirmRevoke();
  const [revokeAllOpen, setRevokeAllOpen] = useState(false);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('delegation.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const columns: TableProps<Delegation>['columns'] = [
    {
      title: t('delegation.customer'),
      key: 'customer',
      width: 260,
      ellipsis: true,
      // A received grant that ended keeps only the customer's name: no way in.
      render: (_: unknown, d) =>
        d.customerId && (direction === 'given' || d.state === 'active') ? (
          <Link to={`/customers?id=${encodeURIComponent(d.customerId)}`}>{d.customerName}</Link>
        ) : (
          <span data-testid="delegation-name-only">{d.customerName}</span>
        ),
    },
    direction === 'given'
      ? { title: t('delegation.toCol'), dataIndex: 'toUserName', key: 'to', width: 110, ellipsis: true }
      : { title: t('delegation.from'), dataIndex: 'fromUserName', key: 'from', width: 110, ellipsis: true },
    { title: t('delegation.until'), dataIndex: 'endsOn', key: 'endsOn', width: 130, render: (v: string | null) => (v ? fmt.date(v) : t('delegation.noEnd')) },
    { title: t('delegation.state'), key: 'state', width: 110, render: (_: unknown, d) => <DelegationState d={d} /> },
    { title: t('delegation.history'), key: 'history', render: (_: unknown, d) => history(d) },
  ];
  if (direction === 'given')
    columns.push({
      title: t('delegation.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, d) =>
        d.state === 'active' ? (
          <Button size="small" danger icon={<RollbackOutlined />} onClick={() => confirmRevoke(d)} data-testid="delegation-revoke">
            {t('delegation.revoke')}
          </Button>
        ) : null,
    });

  return (
    <div>
      <div className="kehu-tab-toolbar">
        <Segmented<StateFilter>
          value={state}
          onChange={(v) => {
            setState(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'active', label: t('delegation.filter.active') },
            { value: 'ended', label: t('delegation.filter.ended') },
            { value: 'all', label: t('common.all') },
          ]}
          data-testid={`delegation-state-${direction}`}
        />
        {direction === 'given' && (
          <Button danger icon={<RollbackOutlined />} onClick={() => setRevokeAllOpen(true)} data-testid="delegation-revoke-all">
            {t('delegation.revokeAll')}
          </Button>
        )}
      </div>
      <Table<Delegation>
        data-testid={`delegations-${direction}`}
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 820 }}
        locale={{ emptyText: t('delegation.noneActive') }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          size: 'small',
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      {direction === 'given' && <RevokeAllDialog open={revokeAllOpen} onClose={() => setRevokeAllOpen(false)} />}
    </div>
  );
}

/** Takes back everything granted to one person (the people come from the active grants). */
function RevokeAllDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { report } = useMessages();
  const active = useDelegations({ direction: 'given', state: 'active', pageSize: 500 });
  const revokeAll = useRevokeAll();
  const [toUserId, setToUserId] = useState<string | undefined>();
  const people = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of active.data?.items ?? []) m.set(d.toUserId, d.toUserName);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [active.data]);

  useEffect(() => {
    if (open) setToUserId(undefined);
  }, [open]);

  const onOk = async () => {
    if (!toUserId) return;
    const name = people.find((p) => p.value === toUserId)?.label ?? '';
    try {
      const res = await revokeAll.mutateAsync(toUserId);
      report({ type: 'success', text: t('delegation.revokedAll', { name, count: res.revoked }) });
      onClose();
    } catch (e) {
      report({ type: 'error', text: t('delegation.revokeAllFailed', { reason: errorText(e) }) });
    }
  };

  return (
    <Modal
      title={t('delegation.revokeAllTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => void onOk()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !toUserId, danger: true, id: 'revoke-all-ok' }}
      confirmLoading={revokeAll.isPending}
      width={420}
    >
      <Typography.Paragraph>{t('delegation.revokeAllText')}</Typography.Paragraph>
      <Select id="revoke-all-to" style={{ width: '100%' }} options={people} value={toUserId} onChange={setToUserId} loading={active.isPending} />
    </Modal>
  );
}

/** 我的授权: what I granted (and can take back) and what was granted to me. */
export function MyDelegationsPage() {
  const t = useT();
  return (
    <div data-testid="my-delegations-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('delegation.pageTitle')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'given', label: <span data-testid="tab-given">{t('delegation.given')}</span>, children: <DelegationList direction="given" /> },
          { key: 'received', label: <span data-testid="tab-received">{t('delegation.received')}</span>, children: <DelegationList direction="received" /> },
        ]}
      />
    </div>
  );
}
