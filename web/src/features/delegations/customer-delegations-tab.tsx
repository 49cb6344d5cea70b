import { useEffect, useState } from 'react';
import { Alert, Button, Table, type TableProps } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { RollbackOutlined, ShareAltOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useCustomerDelegations, useRevoke } from '../../api/delegations';
import { useMe } from '../../api/session';
import type { Customer, Delegation } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { DelegationState, useDelegationHistory } from './delegation-format';
import { GrantDialog, type GrantTarget } from './grant-dialog';

/** Revokes one grant after a confirmation, reporting the result. */
export function useConfirmRevoke() {
  const t = useT();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const revoke = useRevoke();
  return (d: Delegation) =>
    modal.confirm({
      title: t('delegation.revoke'),
      content: t('delegation.confirmRevoke', { name: d.toUserName, customer: d.customerName }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'revoke-ok' },
      onOk: () =>
        revoke
          .mutateAsync(d.id)
          .then(() => report({ type: 'success', text: t('delegation.revoked', { name: d.toUserName, customer: d.customerName }) }))
          .catch((e: unknown) => report({ type: 'error', text: t('delegation.revokeFailed', { reason: errorText(e) }) })),
    });
}

/** Zone 8: the grants of the selected customer, with their history; owner and admin grant and revoke. */
export function CustomerDelegationsTab({ customer }: { customer: Customer }) {
  const t = useT();
  const fmt = useDateFormats();
  const { report } = useMessages();
  const me = useMe().data;
  const list = useCustomerDelegations(customer.id);
  const history = useDelegationHistory();
  const confirmRevoke = useConfirmRevoke();
  const [grant, setGrant] = useState<GrantTarget | null>(null);
  const mayManage = !customer.isDelegatedToMe && (me?.role === 'admin' || me?.id === customer.ownerId);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('delegation.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const columns: TableProps<Delegation>['columns'] = [
    { title: t('delegation.toCol'), dataIndex: 'toUserName', key: 'to', width: 110, ellipsis: true },
    { title: t('delegation.startsOn'), dataIndex: 'startsOn', key: 'startsOn', width: 130, render: (v: string) => fmt.date(v) },
    { title: t('delegation.until'), dataIndex: 'endsOn', key: 'endsOn', width: 130, render: (v: string | null) => (v ? fmt.date(v) : t('delegation.noEnd')) },
    { title: t('delegation.state'), key: 'state', width: 110, render: (_: unknown, d) => <DelegationState d={d} /> },
    { title: t('delegation.history'), key: 'history', render: (_: unknown, d) => history(d) },
  ];
  if (mayManage)
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
    <div data-testid="delegations-tab">
      {customer.isDelegatedToMe ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8, padding: '4px 12px' }}
          title={t('delegation.delegatedHint', { name: customer.ownerName })}
        />
      ) : (
        mayManage && (
          <div className="kehu-tab-toolbar">
            <Button
              size="small"
              type="primary"
              icon={<ShareAltOutlined />}
              onClick={() => setGrant({ kind: 'some', customerIds: [customer.id], ownerIds: [customer.ownerId] })}
              data-testid="delegation-grant"
            >
              {t('delegation.grantButton')}
            </Button>
          </div>
        )
      )}
      <Table<Delegation>
        data-testid="delegations-table"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('delegation.empty') }}
      />
      <GrantDialog target={grant} onClose={() => setGrant(null)} />
    </div>
  );
}
