import { useEffect, useState } from 'react';
import { Button, Input, Segmented, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useAppModal } from '../../components/app-modal';
import { PlusOutlined } from '@ant-design/icons';
import { can } from '../../../../common/roles.js';
import { ApiError, errorText } from '../../api/client';
import { useDeleteProduct, useProducts, useSaveProduct } from '../../api/products';
import { useSuppliers } from '../../api/suppliers';
import { useMe } from '../../api/session';
import type { Product, ProductParams } from '../../api/types';
import { useMessages } from '../../components/messages';
import { useMoney } from '../../components/money';
import { useT } from '../../i18n/i18n';
import { ProductDialog, type ProductTarget } from './product-dialog';

type ActiveFilter = 'all' | 'true' | 'false';
type SortField = NonNullable<ProductParams['sort']>;
const sortable: readonly SortField[] = ['code', 'name', 'price'];

/** 商品注册: the catalogue of products and services used by quotes and purchases. */
export function ProductsPage() {
  const t = useT();
  const money = useMoney();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const me = useMe().data;
  const mayManage = !!me && can(me.role, 'catalogue.manage');
  const [params, setParams] = useState<ProductParams>({ page: 1, pageSize: 20, sort: 'code', order: 'asc', active: 'true' });
  const list = useProducts(params);
  const suppliers = useSuppliers({ pageSize: 500, sort: 'name', order: 'asc' });
  const save = useSaveProduct();
  const remove = useDeleteProduct();
  const [dialog, setDialog] = useState<ProductTarget | null>(null);

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('product.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const setActive = (p: Product, active: boolean) =>
    save
      .mutateAsync({ productId: p.id, input: { version: p.version, active } })
      .then(() => report({ type: 'success', text: t(active ? 'product.activated' : 'product.deactivated', { name: p.name }) }))
      .catch((e: unknown) => report({ type: 'error', text: t('product.updateFailed', { name: p.name, reason: errorText(e) }) }));

  const confirmDelete = (p: Product) =>
    modal.confirm({
      title: t('product.delete'),
      content: t('product.confirmDelete', { name: p.name }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'product-delete-ok' },
      onOk: () =>
        remove
          .mutateAsync(p.id)
          .then(() => report({ type: 'success', text: t('product.deleted', { name: p.name }) }))
          .catch((e: unknown) => {
            const reason = e instanceof ApiError && e.code === 'in_use' ? t('product.inUse') : errorText(e);
            report({ type: 'error', text: t('product.deleteFailed', { name: p.name, reason }) });
          }),
    });

  const sortOrderOf = (field: SortField) => (params.sort === field ? (params.order === 'desc' ? 'descend' : 'ascend') : null);
  const columns: TableProps<Product>['columns'] = [
    { title: t('product.code'), dataIndex: 'code', key: 'code', width: 110, sorter: true, sortOrder: sortOrderOf('code'), ellipsis: true },
    { title: t('product.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrderOf('name'), ellipsis: true },
    { title: t('product.model'), dataIndex: 'model', key: 'model', width: 110, ellipsis: true },
    { title: t('product.unit'), dataIndex: 'unit', key: 'unit', width: 60, ellipsis: true },
    { title: t('product.price'), dataIndex: 'price', key: 'price', width: 130, align: 'right', sorter: true, sortOrder: sortOrderOf('price'), render: (v: string) => money(v) },
    { title: t('product.annualFee'), dataIndex: 'annualFee', key: 'annualFee', width: 120, align: 'right', render: (v: string) => money(v) },
    { title: t('product.supplier'), dataIndex: 'supplierName', key: 'supplier', width: 140, ellipsis: true },
    { title: t('product.category'), dataIndex: 'category', key: 'category', width: 100, ellipsis: true },
    {
      title: t('catalogue.active'),
      dataIndex: 'active',
      key: 'active',
      width: 76,
      render: (a: boolean) => (a ? <Tag color="green">{t('catalogue.activeTag')}</Tag> : <Tag>{t('catalogue.inactiveTag')}</Tag>),
    },
    ...(mayManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            fixed: 'right' as const,
            render: (_: unknown, p: Product) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDialog({ product: p })} data-testid="product-edit">
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => void setActive(p, !p.active)} data-testid="product-toggle">
                  {p.active ? t('catalogue.deactivate') : t('catalogue.activate')}
                </Button>
                <Button type="link" size="small" danger onClick={() => confirmDelete(p)} data-testid="product-delete">
                  {t('common.delete')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const onTableChange: TableProps<Product>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? (s.columnKey as SortField) : undefined;
    const known = field !== undefined && sortable.includes(field);
    setParams((p) => ({
      ...p,
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? p.pageSize,
      sort: known ? field : 'code',
      order: known && s?.order === 'descend' ? 'desc' : 'asc',
    }));
  };

  return (
    <div data-testid="products-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('product.title')}
      </Typography.Title>
      <div className="kehu-tab-toolbar">
        {mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})} data-testid="product-create">
            {t('product.create')}
          </Button>
        )}
        <Input.Search
          allowClear
          id="product-search"
          placeholder={t('product.search')}
          style={{ width: 240 }}
          onSearch={(q) => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('product.filter.supplier')}
          style={{ width: 170 }}
          options={(suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onChange={(supplierId: string | undefined) => setParams((p) => ({ ...p, supplierId, page: 1 }))}
          data-testid="product-supplier-filter"
        />
        <Input.Search
          allowClear
          placeholder={t('product.filter.category')}
          style={{ width: 150 }}
          onSearch={(c) => setParams((p) => ({ ...p, category: c.trim() || undefined, page: 1 }))}
        />
        <Segmented<ActiveFilter>
          value={params.active ?? 'all'}
          onChange={(v) => setParams((p) => ({ ...p, active: v === 'all' ? undefined : v, page: 1 }))}
          options={[
            { value: 'true', label: t('catalogue.filter.active') },
            { value: 'false', label: t('catalogue.filter.inactive') },
            { value: 'all', label: t('common.all') },
          ]}
          data-testid="product-active-filter"
        />
      </div>
      <Table<Product>
        data-testid="product-table"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1200 }}
        onChange={onTableChange}
        locale={{ emptyText: t('product.empty') }}
        onRow={(p) => ({ onDoubleClick: () => mayManage && setDialog({ product: p }) })}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          size: 'small',
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <ProductDialog target={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
