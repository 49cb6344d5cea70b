import { useEffect, useRef, useState } from 'react';
import { Table, Tag, type TableProps } from 'antd';
import type { Customer, CustomerListParams } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useT } from '../../i18n/i18n';
import type { CustomersPageState } from './use-customers-page';

type SortField = NonNullable<CustomerListParams['sort']>;
const sortable: readonly SortField[] = ['name', 'createdOn', 'updatedAt'];

/** The current height of an element (for a table body that fills what the tab area leaves). */
function useHeight<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setHeight(entry?.contentRect.height ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, height] as const;
}

// Heights of the small table's header row and of its pagination bar (with margins).
const tableChrome = 39 + 56;
// From this page size on, the list is virtual: only the rows in view (and a few more) are in the
// DOM, so a page of 500 scrolls as smoothly as one of 20. Smaller pages stay a plain table.
const virtualFrom = 200;

/** The customer list (zone 2): click selects, double-click edits, right-click opens the row's menu. */
export function CustomerList({ page }: { page: CustomersPageState }) {
  const t = useT();
  const fmt = useDateFormats();
  const { params, setParams, list, items, selected, checked, setChecked, setCurrent, setRowMenu } = page;
  const setForm = page.form.set;
  const [tableBox, tableHeight] = useHeight<HTMLDivElement>();

  const delegationMarks = (c: Customer) => {
    if (c.isDelegatedToMe)
      return (
        <Tag color="purple" className="kehu-delegation-tag" data-testid="delegated-from" title={t('customer.delegatedFrom', { name: c.ownerName })}>
          {t('customer.delegatedFrom', { name: c.ownerName })}
        </Tag>
      );
    return c.delegates.map((d) => {
      const text = d.endsOn ? t('customer.delegatedUntil', { name: d.displayName, date: fmt.monthDay(d.endsOn) }) : t('customer.delegatedTo', { name: d.displayName });
      return (
        <Tag color="gold" className="kehu-delegation-tag" key={d.delegationId} data-testid="delegated-to" title={text}>
          {text}
        </Tag>
      );
    });
  };

  const anyDelegated = items.some((c) => c.isDelegatedToMe || c.delegates.length > 0);
  const sortOrderOf = (field: SortField) => (params.sort === field ? (params.order === 'desc' ? 'descend' : 'ascend') : null);
  const columns: TableProps<Customer>['columns'] = [
    { title: t('field.customerName'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrderOf('name'), ellipsis: true },
    // Delegation marks get a column of their own while any listed customer is delegated.
    ...(anyDelegated
      ? [{ title: t('customer.tab.delegations'), key: 'delegation', width: 180, ellipsis: { showTitle: false }, render: (_: unknown, c: Customer) => delegationMarks(c) }]
      : []),
    { title: t('field.keyword'), dataIndex: 'keyword', key: 'keyword', ellipsis: true, width: 90 },
    { title: t('field.status'), dataIndex: 'statusName', key: 'status', ellipsis: true, width: 90 },
    { title: t('field.owner'), dataIndex: 'ownerName', key: 'owner', ellipsis: true, width: 96 },
    { title: t('field.phone'), dataIndex: 'phone', key: 'phone', ellipsis: true, width: 120 },
    { title: t('field.region'), dataIndex: 'region', key: 'region', ellipsis: true, width: 84 },
    { title: t('field.createdOn'), dataIndex: 'createdOn', key: 'createdOn', sorter: true, sortOrder: sortOrderOf('createdOn'), width: 124, render: (v: string) => fmt.date(v) },
    { title: t('field.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', sorter: true, sortOrder: sortOrderOf('updatedAt'), width: 150, ellipsis: true, render: (v: string) => fmt.dateTimeShort(v) },
  ];

  const onTableChange: TableProps<Customer>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? (s.columnKey as SortField) : undefined;
    const known = field !== undefined && sortable.includes(field);
    setParams((p) => ({
      ...p,
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? p.pageSize,
      sort: known ? field : 'createdOn',
      order: known ? (s?.order === 'descend' ? 'desc' : 'asc') : 'desc',
    }));
  };

  return (
    <div ref={tableBox} className="kehu-customer-table">
      <Table<Customer>
        data-testid="customer-table"
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        columns={columns}
        scroll={{ x: anyDelegated ? 1120 : 940, y: Math.max(120, tableHeight - tableChrome) }}
        virtual={(params.pageSize ?? 0) >= virtualFrom}
        onChange={onTableChange}
        rowClassName={(c) => (c.id === selected?.id ? 'kehu-row-current' : '')}
        rowSelection={{ selectedRowKeys: checked, onChange: (keys) => setChecked(keys.map(String)), columnWidth: 36, preserveSelectedRowKeys: true }}
        onRow={(c) => ({
          onClick: () => setCurrent(c),
          onDoubleClick: () => setForm({ customer: c }),
          onContextMenu: (e) => {
            e.preventDefault();
            setCurrent(c);
            setRowMenu({ x: e.clientX, y: e.clientY, customer: c });
          },
        })}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200, 500],
          size: 'small',
          showTotal: (total) => (checked.length > 0 ? `${t('customer.selectedCount', { count: checked.length })} · ` : '') + t('common.total', { total }),
        }}
      />
    </div>
  );
}
