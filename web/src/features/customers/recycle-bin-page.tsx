import { useState } from 'react';
import { Button, Table, Typography, type TableProps } from 'antd';
import { errorText } from '../../api/client';
import { useRecycleBin, useRestoreCustomer } from '../../api/customers';
import type { Customer } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

/** Deleted customers, each restorable (admin). */
export function RecycleBinPage() {
  const t = useT();
  const fmt = useDateFormats();
  const { report } = useMessages();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useRecycleBin(paging);
  const restore = useRestoreCustomer();
  const [restoring, setRestoring] = useState<string | null>(null);

  const onRestore = (c: Customer) => {
    setRestoring(c.id);
    restore.mutate(c.id, {
      onSuccess: () => report({ type: 'success', text: t('recycle.restored', { name: c.name }) }),
      onError: (e) => report({ type: 'error', text: t('recycle.restoreFailed', { name: c.name, reason: errorText(e) }) }),
      onSettled: () => setRestoring(null),
    });
  };

  const columns: TableProps<Customer>['columns'] = [
    { title: t('field.customerName'), dataIndex: 'name', key: 'name', ellipsis: true },
    { title: t('field.keyword'), dataIndex: 'keyword', key: 'keyword', width: 120, ellipsis: true },
    { title: t('field.status'), dataIndex: 'statusName', key: 'status', width: 110, ellipsis: true },
    { title: t('field.owner'), dataIndex: 'ownerName', key: 'owner', width: 120, ellipsis: true },
    { title: t('field.createdOn'), dataIndex: 'createdOn', key: 'createdOn', width: 130, render: (v: string) => fmt.date(v) },
    { title: t('field.deletedAt'), dataIndex: 'deletedAt', key: 'deletedAt', width: 180, render: (v: string | null) => fmt.dateTime(v) },
    {
      title: '',
      key: 'actions',
      width: 100,
      render: (_: unknown, c: Customer) => (
        <Button size="small" onClick={() => onRestore(c)} loading={restoring === c.id} data-testid={`restore-${c.id}`}>
          {t('recycle.restore')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="recycle-bin-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('recycle.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('recycle.hint')}</Typography.Paragraph>
      <Table<Customer>
        data-testid="recycle-bin-table"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 900 }}
        onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </div>
  );
}
