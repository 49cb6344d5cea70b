import { useState } from 'react';
import { Button, Dropdown, Input, Select, Space, Table, Tag, Typography, type MenuProps, type TableProps } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { roles, type Role } from '../../../../common/roles.js';
import { ApiError, errorText } from '../../api/client';
import type { User, UserListParams } from '../../api/types';
import { useUpdateUser, useUserList } from '../../api/users';
import { useMessages } from '../../components/messages';
import { useLocale, useT } from '../../i18n/i18n';
import { TransferDialog, type TransferTarget } from '../customers/transfer-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { UserFormDialog } from './user-form-dialog';

type SortField = NonNullable<UserListParams['sort']>;
const sortable: readonly SortField[] = ['username', 'displayName', 'role', 'department', 'createdAt'];

interface ContextMenuState {
  x: number;
  y: number;
  user: User;
}

export function UsersPage() {
  const t = useT();
  const [locale] = useLocale();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const [params, setParams] = useState<UserListParams>({ page: 1, pageSize: 20, sort: 'username', order: 'asc' });
  const list = useUserList(params);
  const update = useUpdateUser();
  const [selected, setSelected] = useState<User | null>(null);
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [contextMenu, setContextMenu] = useState<ContextMenuState | null>(null);
  const [transfer, setTransfer] = useState<TransferTarget | null>(null);
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  // The selected row as currently listed (fresh version after a refetch).
  const current = selected ? (list.data?.items.find((u) => u.id === selected.id) ?? selected) : null;

  const toggleActive = (user: User) => {
    const disabling = user.active;
    modal.confirm({
      title: disabling ? t('staff.disable') : t('staff.enable'),
      content: t(disabling ? 'staff.confirmDisable' : 'staff.confirmEnable', { name: user.displayName }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: disabling },
      onOk: () =>
        update
          .mutateAsync({ id: user.id, version: user.version, active: !disabling })
          .then((u) => report({ type: 'success', text: t(disabling ? 'staff.disabled' : 'staff.enabled', { name: u.displayName }) }))
          .catch((e: unknown) => {
            const reason = e instanceof ApiError && e.code === 'stale_version' ? t('staff.stale') : errorText(e);
            report({ type: 'error', text: t(disabling ? 'staff.disableFailed' : 'staff.enableFailed', { name: user.displayName, reason }) });
          }),
    });
  };

  const actionsFor = (user: User): MenuProps['items'] => [
    { key: 'edit', label: t('staff.edit'), onClick: () => setEditing({ user }) },
    { key: 'toggle', label: user.active ? t('staff.disable') : t('staff.enable'), danger: user.active, onClick: () => toggleActive(user) },
    { key: 'reset', label: t('staff.resetPassword'), onClick: () => setResetting(user) },
    // A leaver's hand-over: all of their customers to another salesperson (staff own none).
    ...(user.role === 'staff' ? [] : [{ key: 'transfer', label: t('staff.transfer'), onClick: () => openTransfer(user) }]),
  ];

  const openTransfer = (user: User) =>
    setTransfer({
      title: t('staff.transferTitle', { name: user.displayName }),
      text: t('staff.transferText', { name: user.displayName }),
      groups: [{ fromUserId: user.id }],
    });

  const sortOrderOf = (field: SortField) => (params.sort === field ? (params.order === 'desc' ? 'descend' : 'ascend') : null);

  const columns: TableProps<User>['columns'] = [
    { title: t('field.username'), dataIndex: 'username', key: 'username', sorter: true, sortOrder: sortOrderOf('username'), width: 140, ellipsis: true },
    { title: t('field.displayName'), dataIndex: 'displayName', key: 'displayName', sorter: true, sortOrder: sortOrderOf('displayName'), width: 140, ellipsis: true },
    { title: t('field.role'), dataIndex: 'role', key: 'role', sorter: true, sortOrder: sortOrderOf('role'), width: 120, render: (r: Role) => t(`role.${r}`) },
    { title: t('field.department'), dataIndex: 'department', key: 'department', sorter: true, sortOrder: sortOrderOf('department'), ellipsis: true },
    { title: t('field.phone'), dataIndex: 'phone', key: 'phone', width: 130, ellipsis: true },
    { title: t('field.email'), dataIndex: 'email', key: 'email', ellipsis: true },
    {
      title: t('field.active'),
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (a: boolean) => (a ? <Tag color="green">{t('staff.active')}</Tag> : <Tag>{t('staff.inactive')}</Tag>),
    },
    {
      title: t('field.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf('createdAt'),
      width: 170,
      render: (v: string) => dateFmt.format(new Date(v)),
    },
  ];

  const onTableChange: TableProps<User>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? (s.columnKey as SortField) : undefined;
    setParams((p) => ({
      ...p,
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? p.pageSize,
      sort: field && sortable.includes(field) ? field : 'username',
      order: field && s?.order === 'descend' ? 'desc' : 'asc',
    }));
  };

  return (
    <div data-testid="staff-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('staff.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('staff.search')}
          style={{ width: 260 }}
          onSearch={(q) => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
          data-testid="staff-search"
        />
        <Select<Role>
          allowClear
          placeholder={t('staff.filter.role')}
          style={{ width: 140 }}
          options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onChange={(role) => setParams((p) => ({ ...p, role, page: 1 }))}
        />
        <Select<'true' | 'false'>
          allowClear
          placeholder={t('staff.filter.active')}
          style={{ width: 120 }}
          options={[
            { value: 'true', label: t('staff.active') },
            { value: 'false', label: t('staff.inactive') },
          ]}
          onChange={(active) => setParams((p) => ({ ...p, active, page: 1 }))}
        />
        <Button type="primary" onClick={() => setEditing({})} data-testid="staff-create">
          {t('staff.create')}
        </Button>
        <Button disabled={!current} onClick={() => current && setEditing({ user: current })}>
          {t('staff.edit')}
        </Button>
        <Button disabled={!current} danger={current?.active} onClick={() => current && toggleActive(current)}>
          {current && !current.active ? t('staff.enable') : t('staff.disable')}
        </Button>
        <Button disabled={!current} onClick={() => current && setResetting(current)}>
          {t('staff.resetPassword')}
        </Button>
        <Button disabled={!current || current.role === 'staff'} onClick={() => current && openTransfer(current)} data-testid="staff-transfer">
          {t('staff.transfer')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('staff.selectHint')}
      </Typography.Paragraph>
      <Table<User>
        data-testid="staff-table"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1000 }}
        onChange={onTableChange}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: current ? [current.id] : [],
          onChange: (_keys, rows) => setSelected(rows[0] ?? null),
        }}
        onRow={(user) => ({
          onClick: () => setSelected(user),
          onDoubleClick: () => setEditing({ user }),
          onContextMenu: (e) => {
            e.preventDefault();
            setSelected(user);
            setContextMenu({ x: e.clientX, y: e.clientY, user });
          },
        })}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      {contextMenu && (
        <Dropdown
          open
          menu={{ items: actionsFor(contextMenu.user), onClick: () => setContextMenu(null) }}
          onOpenChange={(o) => !o && setContextMenu(null)}
          trigger={['contextMenu']}
        >
          <div style={{ position: 'fixed', left: contextMenu.x, top: contextMenu.y, width: 1, height: 1 }} />
        </Dropdown>
      )}
      <UserFormDialog open={editing !== null} user={editing?.user} onClose={() => setEditing(null)} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
      <TransferDialog target={transfer} onClose={() => setTransfer(null)} />
    </div>
  );
}
