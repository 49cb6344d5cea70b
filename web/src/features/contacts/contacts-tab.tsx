import { useEffect, useState } from 'react';
import { Button, Dropdown, Table, Tag, Typography, type MenuProps, type TableProps } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { DeleteOutlined, EditOutlined, PlusOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useContacts, useDeleteContact, useSaveContact } from '../../api/contacts';
import type { Contact, Customer } from '../../api/types';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { ContactDialog, type ContactTarget } from './contact-dialog';

interface RowMenu {
  x: number;
  y: number;
  contact: Contact;
}

/** Zone 4: the contacts of the selected customer. */
export function ContactsTab({ customer }: { customer: Customer }) {
  const t = useT();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const list = useContacts(customer.id);
  const remove = useDeleteContact();
  const save = useSaveContact();
  const [dialog, setDialog] = useState<ContactTarget | null>(null);
  const [menu, setMenu] = useState<RowMenu | null>(null);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('contact.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const confirmDelete = (c: Contact) =>
    modal.confirm({
      title: t('contact.delete'),
      content: t('contact.confirmDelete', { name: c.name }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'contact-delete-ok' },
      onOk: () =>
        remove
          .mutateAsync({ customerId: customer.id, contactId: c.id })
          .then(() => report({ type: 'success', text: t('contact.deleted', { name: c.name }) }))
          .catch((e: unknown) => report({ type: 'error', text: t('contact.deleteFailed', { name: c.name, reason: errorText(e) }) })),
    });

  const makePrimary = (c: Contact) =>
    save
      .mutateAsync({ customerId: customer.id, contactId: c.id, input: { version: c.version, isPrimary: true } })
      .then(() => report({ type: 'success', text: t('contact.primarySet', { name: c.name }) }))
      .catch((e: unknown) => report({ type: 'error', text: t('contact.updateFailed', { name: c.name, reason: errorText(e) }) }));

  const menuItems = (c: Contact): MenuProps['items'] => [
    { key: 'edit', label: t('contact.edit'), icon: <EditOutlined />, onClick: () => setDialog({ customerId: customer.id, contact: c }) },
    { key: 'add', label: t('contact.add'), icon: <PlusOutlined />, onClick: () => setDialog({ customerId: customer.id }) },
    { key: 'primary', label: t('contact.setPrimary'), icon: <StarOutlined />, disabled: c.isPrimary, onClick: () => void makePrimary(c) },
    { type: 'divider' },
    { key: 'delete', label: t('contact.delete'), icon: <DeleteOutlined />, danger: true, onClick: () => confirmDelete(c) },
  ];

  const columns: TableProps<Contact>['columns'] = [
    {
      title: t('contact.name'),
      dataIndex: 'name',
      key: 'name',
      width: 130,
      ellipsis: true,
      render: (name: string, c) => (
        <span>
          {c.isPrimary && <StarFilled style={{ color: '#faad14', marginInlineEnd: 4 }} aria-label={t('contact.primary')} />}
          {name}
        </span>
      ),
    },
    { title: t('contact.title'), dataIndex: 'title', key: 'title', width: 100, ellipsis: true },
    { title: t('contact.mobile'), dataIndex: 'mobile', key: 'mobile', width: 120, ellipsis: true },
    { title: t('contact.phone'), dataIndex: 'phone', key: 'phone', width: 120, ellipsis: true },
    { title: t('contact.email'), dataIndex: 'email', key: 'email', width: 160, ellipsis: true },
    { title: t('contact.wechat'), dataIndex: 'wechat', key: 'wechat', width: 100, ellipsis: true },
    { title: t('contact.qq'), dataIndex: 'qq', key: 'qq', width: 90, ellipsis: true },
    {
      title: t('contact.isPrimary'),
      dataIndex: 'isPrimary',
      key: 'isPrimary',
      width: 90,
      render: (p: boolean) => (p ? <Tag color="gold">{t('contact.primary')}</Tag> : null),
    },
    { title: t('contact.notes'), dataIndex: 'notes', key: 'notes', ellipsis: true },
  ];

  return (
    <div data-testid="contacts-tab">
      <div className="kehu-tab-toolbar">
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ customerId: customer.id })} data-testid="contact-add">
          {t('contact.add')}
        </Button>
        <Typography.Text type="secondary" className="kehu-toolbar-hint">
          {t('contact.hint')}
        </Typography.Text>
      </div>
      <Table<Contact>
        data-testid="contacts-table"
        className="kehu-clickable-rows"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('contact.empty') }}
        onRow={(c) => ({
          onDoubleClick: () => setDialog({ customerId: customer.id, contact: c }),
          onContextMenu: (e) => {
            e.preventDefault();
            setMenu({ x: e.clientX, y: e.clientY, contact: c });
          },
        })}
      />
      {menu && (
        <Dropdown open menu={{ items: menuItems(menu.contact), onClick: () => setMenu(null) }} onOpenChange={(o) => !o && setMenu(null)} trigger={['contextMenu']}>
          <div style={{ position: 'fixed', left: menu.x, top: menu.y, width: 1, height: 1 }} />
        </Dropdown>
      )}
      <ContactDialog target={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
