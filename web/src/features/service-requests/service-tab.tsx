import { useEffect, useState } from 'react';
import { Button, Dropdown, Space, Table, Typography, type MenuProps, type TableProps } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { DeleteOutlined, EditOutlined, MoreOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { ApiError, errorText } from '../../api/client';
import { useDeleteServiceRequest, useSaveServiceRequest, useServiceRequests } from '../../api/service-requests';
import type { Customer, ServiceRequest, ServiceStatus } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { ServiceDialog, type ServiceTarget } from './service-dialog';
import { nextStatuses, openServiceReport, PriorityTag, ServiceStatusTag } from './service-format';

/** 售后服务: the service requests of the selected customer. */
export function ServiceTab({ customer }: { customer: Customer }) {
  const t = useT();
  const fmt = useDateFormats();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const list = useServiceRequests(customer.id);
  const save = useSaveServiceRequest();
  const remove = useDeleteServiceRequest();
  const [dialog, setDialog] = useState<ServiceTarget | null>(null);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('service.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const move = (r: ServiceRequest, status: ServiceStatus) => {
    const label = t.known('service.status', status);
    save
      .mutateAsync({ customerId: customer.id, requestId: r.id, input: { version: r.version, status } })
      .then(() => report({ type: 'success', text: t('service.moved', { title: r.title, status: label }) }))
      .catch((e: unknown) => {
        const reason = e instanceof ApiError && e.code === 'stale_version' ? t('service.stale') : errorText(e);
        report({ type: 'error', text: t('service.moveFailed', { title: r.title, status: label, reason }) });
      });
  };

  const confirmDelete = (r: ServiceRequest) =>
    modal.confirm({
      title: t('service.delete'),
      content: t('service.confirmDelete', { title: r.title }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'service-delete-ok' },
      onOk: () =>
        remove
          .mutateAsync({ customerId: customer.id, requestId: r.id })
          .then(() => report({ type: 'success', text: t('service.deleted', { title: r.title }) }))
          .catch((e: unknown) => report({ type: 'error', text: t('service.deleteFailed', { title: r.title, reason: errorText(e) }) })),
    });

  const print = (r: ServiceRequest) => {
    openServiceReport(r.id);
    report({ type: 'info', text: t('service.printOpened', { title: r.title }) });
  };

  const moreItems = (r: ServiceRequest): MenuProps['items'] => [
    { key: 'edit', label: t('service.edit'), icon: <EditOutlined />, onClick: () => setDialog({ customer, request: r }) },
    { key: 'print', label: <span data-testid="service-print">{t('service.print')}</span>, icon: <PrinterOutlined />, onClick: () => print(r) },
    { type: 'divider' },
    { key: 'delete', label: <span data-testid="service-delete">{t('service.delete')}</span>, icon: <DeleteOutlined />, danger: true, onClick: () => confirmDelete(r) },
  ];

  const columns: TableProps<ServiceRequest>['columns'] = [
    { title: t('service.title'), dataIndex: 'title', key: 'title', ellipsis: true },
    { title: t('service.priorityLabel'), dataIndex: 'priority', key: 'priority', width: 80, render: (_: unknown, r) => <PriorityTag priority={r.priority} /> },
    { title: t('service.statusLabel'), dataIndex: 'status', key: 'status', width: 96, render: (_: unknown, r) => <ServiceStatusTag status={r.status} /> },
    { title: t('service.assignee'), dataIndex: 'assigneeName', key: 'assignee', width: 100, ellipsis: true },
    { title: t('service.reportedOn'), dataIndex: 'reportedOn', key: 'reportedOn', width: 136, render: (v: string) => fmt.date(v) },
    { title: t('service.product'), dataIndex: 'productName', key: 'product', width: 160, ellipsis: true },
    {
      title: t('service.actions'),
      key: 'actions',
      width: 196,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0}>
          {nextStatuses(r.status).map((s) => (
            <Button key={s} size="small" type="link" onClick={() => move(r, s)} data-testid={`service-move-${s}`}>
              {t.known('service.action', s)}
            </Button>
          ))}
          <Dropdown menu={{ items: moreItems(r) }} trigger={['click']}>
            <Button size="small" type="text" icon={<MoreOutlined />} data-testid="service-more" aria-label={t('service.more')} />
          </Dropdown>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="service-tab">
      <div className="kehu-tab-toolbar">
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ customer })} data-testid="service-add">
          {t('service.add')}
        </Button>
        <Typography.Text type="secondary" className="kehu-toolbar-hint">
          {t('service.hint')}
        </Typography.Text>
      </div>
      <Table<ServiceRequest>
        data-testid="service-table"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('service.empty') }}
        onRow={(r) => ({ onDoubleClick: () => setDialog({ customer, request: r }) })}
      />
      <ServiceDialog target={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
