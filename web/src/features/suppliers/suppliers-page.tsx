import { useEffect, useState } from 'react';
import { Button, Input, Segmented, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { PlusOutlined } from '@ant-design/icons';
import { can } from '../../../../common/roles.js';
import { ApiError, errorText } from '../../api/client';
import { useProducts } from '../../api/products';
import { useDeleteSupplier, useSaveSupplier, useSuppliers } from '../../api/suppliers';
import { useMe } from '../../api/session';
import type { Product, Supplier, SupplierParams } from '../../api/types';
import { useMessages } from '../../components/messages';
import { useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';
import { SupplierDialog, type SupplierTarget } from './supplier-dialog';

type ActiveFilter = 'all' | 'true' | 'false';

/** 供应商管理: everyone reads; the administrator creates, edits, deactivates and deletes. */
export function SuppliersPage() {
  const t = useT();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const me = useMe().data;
  const mayManage = !!me && can(me.role, 'catalogue.manage');
  const [params, setParams] = useState<SupplierParams>({ page: 1, pageSize: 20, sort: 'name', order: 'asc', active: 'true' });
  const list = useSuppliers(params);
  const save = useSaveSupplier();
  const remove = useDeleteSupplier();
  const [dialog, setDialog] = useState<SupplierTarget | null>(null);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('supplier.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const setActive = (s: Supplier, active: boolean) =>
    save
      .mutateAsync({ supplierId: s.id, input: { version: s.version, active } })
      .then(() => report({ type: 'success', text: t(active ? 'supplier.activated' : 'supplier.deactivated', { name: s.name }) }))
      .catch((e: unknown) => report({ type: 'error', text: t('supplier.updateFailed', { name: s.name, reason: errorText(e) }) }));

  const confirmDelete = (s: Supplier) =>
    modal.confirm({
      title: t('supplier.delete'),
      content: t('supplier.confirmDelete', { name: s.name }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'supplier-delete-ok' },
      onOk: () =>
        remove
          .mutateAsync(s.id)
          .then(() => report({ type: 'success', text: t('supplier.deleted', { name: s.name }) }))
          .catch((e: unknown) => {
            const reason = e instanceof ApiError && e.code === 'in_use' ? t('supplier.inUse') : errorText(e);
            report({ type: 'error', text: t('supplier.deleteFailed', { name: s.name, reason }) });
          }),
    });

  const columns: TableProps<Supplier>['columns'] = [
    { title: t('supplier.name'), dataIndex: 'name', key: 'name', ellipsis: true, sorter: true, sortOrder: params.sort === 'name' ? (params.order === 'desc' ? 'descend' : 'ascend') : null },
    { title: t('supplier.contactName'), dataIndex: 'contactName', key: 'contactName', width: 100, ellipsis: true },
    { title: t('supplier.phone'), dataIndex: 'phone', key: 'phone', width: 130, ellipsis: true },
    { title: t('supplier.bankName'), dataIndex: 'bankName', key: 'bankName', width: 140, ellipsis: true },
    { title: t('supplier.bankAccount'), dataIndex: 'bankAccount', key: 'bankAccount', width: 170, ellipsis: true },
    { title: t('supplier.taxId'), dataIndex: 'taxId', key: 'taxId', width: 170, ellipsis: true },
    { title: t('supplier.productCount'), dataIndex: 'productCount', key: 'productCount', width: 80, align: 'right' },
    {
      title: t('catalogue.active'),
      dataIndex: 'active',
      key: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="green">{t('catalogue.activeTag')}</Tag> : <Tag>{t('catalogue.inactiveTag')}</Tag>),
    },
    ...(mayManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, s: Supplier) => (
              <Space size={0} onClick={(e) => e.stopPropagation()}>
                <Button type="link" size="small" onClick={() => setDialog({ supplier: s })} data-testid="supplier-edit">
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => void setActive(s, !s.active)} data-testid="supplier-toggle">
                  {s.active ? t('catalogue.deactivate') : t('catalogue.activate')}
                </Button>
                <Button type="link" size="small" danger onClick={() => confirmDelete(s)} data-testid="supplier-delete">
                  {t('common.delete')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const onTableChange: TableProps<Supplier>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setParams((p) => ({
      ...p,
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? p.pageSize,
      sort: 'name',
      order: s?.order === 'descend' ? 'desc' : 'asc',
    }));
  };

  return (
    <div data-testid="suppliers-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('supplier.title')}
      </Typography.Title>
      <div className="kehu-tab-toolbar">
        {mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})} data-testid="supplier-create">
            {t('supplier.create')}
          </Button>
        )}
        <Input.Search
          allowClear
          id="supplier-search"
          placeholder={t('supplier.search')}
          style={{ width: 260 }}
          onSearch={(q) => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
        />
        <Segmented<ActiveFilter>
          value={params.active ?? 'all'}
          onChange={(v) => setParams((p) => ({ ...p, active: v === 'all' ? undefined : v, page: 1 }))}
          options={[
            { value: 'true', label: t('catalogue.filter.active') },
            { value: 'false', label: t('catalogue.filter.inactive') },
            { value: 'all', label: t('common.all') },
          ]}
          data-testid="supplier-active-filter"
        />
        <Typography.Text type="secondary" className="kehu-toolbar-hint">
          {t('supplier.hint')}
        </Typography.Text>
      </div>
      <Table<Supplier>
        data-testid="supplier-table"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        onChange={onTableChange}
        locale={{ emptyText: t('supplier.empty') }}
        onRow={(s) => ({ onDoubleClick: () => mayManage && setDialog({ supplier: s }) })}
        expandable={{ expandedRowRender: (s) => <SupplierProducts supplier={s} />, rowExpandable: (s) => s.productCount > 0 }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          size: 'small',
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <SupplierDialog target={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}

/** The products a supplier supplies (an expanded row). */
function SupplierProducts({ supplier }: { supplier: Supplier }) {
  const t = useT();
  const money = useMoney();
  const list = useProducts({ supplierId: supplier.id, pageSize: 200, sort: 'code', order: 'asc' });
  const columns: TableProps<Product>['columns'] = [
    { title: t('product.code'), dataIndex: 'code', key: 'code', width: 110 },
    { title: t('product.name'), dataIndex: 'name', key: 'name', ellipsis: true },
    { title: t('product.model'), dataIndex: 'model', key: 'model', width: 120, ellipsis: true },
    { title: t('product.unit'), dataIndex: 'unit', key: 'unit', width: 60 },
    { title: t('product.price'), dataIndex: 'price', key: 'price', width: 130, align: 'right', render: (v: string) => money(v) },
    { title: t('product.annualFee'), dataIndex: 'annualFee', key: 'annualFee', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('catalogue.active'), dataIndex: 'active', key: 'active', width: 70, render: (a: boolean) => (a ? t('common.yes') : t('common.no')) },
  ];
  return (
    <Table<Product>
      data-testid="supplier-products"
      rowKey="id"
      size="small"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      columns={columns}
      pagination={false}
      locale={{ emptyText: t('supplier.noProducts') }}
    />
  );
}
