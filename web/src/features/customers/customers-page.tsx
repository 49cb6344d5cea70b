import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Descriptions, Dropdown, Empty, Input, Select, Spin, Table, Tabs, Tag, type MenuProps, type TableProps } from 'antd';
import { Text } from '../../components/text';
import { useAppModal } from '../../components/app-modal';
import {
  DownOutlined,
  EditOutlined,
  ExportOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  ImportOutlined,
  PlusOutlined,
  PrinterOutlined,
  ShareAltOutlined,
  StopOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { can } from '../../../../common/roles.js';
import { errorText } from '../../api/client';
import { useCustomerList, useDeleteCustomer, useOwnerCandidates } from '../../api/customers';
import { downloadFile } from '../../api/download';
import { useCustomer } from '../../api/records';
import { useMe } from '../../api/session';
import type { Customer, CustomerListParams } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import type { CustomerFormTarget } from './customer-form-dialog';
import { StatusPanel } from './status-panel';
import type { TransferTarget } from './transfer-dialog';
import type { GrantTarget } from '../delegations/grant-dialog';

// The form (with the date picker) and the generic words load when first opened, not with the list.
const CustomerFormDialog = lazy(() => import('./customer-form-dialog').then((m) => ({ default: m.CustomerFormDialog })));
// The record tabs and the grant dialog (date pickers, forms) load when first opened, too.
const ContactsTab = lazy(() => import('../records/contacts-tab').then((m) => ({ default: m.ContactsTab })));
const ActivitiesTab = lazy(() => import('../records/activities-tab').then((m) => ({ default: m.ActivitiesTab })));
const CustomerDelegationsTab = lazy(() => import('../delegations/customer-delegations-tab').then((m) => ({ default: m.CustomerDelegationsTab })));
const QuotesTab = lazy(() => import('../deals/quotes-tab').then((m) => ({ default: m.QuotesTab })));
const PurchasesTab = lazy(() => import('../deals/purchases-tab').then((m) => ({ default: m.PurchasesTab })));
const FeesTab = lazy(() => import('../deals/fees-tab').then((m) => ({ default: m.FeesTab })));
const ServiceTab = lazy(() => import('../service/service-tab').then((m) => ({ default: m.ServiceTab })));
const GrantDialog = lazy(() => import('../delegations/grant-dialog').then((m) => ({ default: m.GrantDialog })));
// The transfer dialog (a modal with a select) too: the Modal code is not needed to show the list.
const TransferDialog = lazy(() => import('./transfer-dialog').then((m) => ({ default: m.TransferDialog })));
const GenericKeywordsDialog = lazy(() => import('./generic-keywords-dialog').then((m) => ({ default: m.GenericKeywordsDialog })));

type SortField = NonNullable<CustomerListParams['sort']>;
const sortable: readonly SortField[] = ['name', 'createdOn', 'updatedAt'];

interface RowMenu {
  x: number;
  y: number;
  customer: Customer;
}

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

/** The customer screen: statuses (zone 1), the list (zone 2) and the tabs of the selected customer. */
export function CustomersPage() {
  const t = useT();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const me = useMe().data;
  const isAdmin = !!me && can(me.role, 'customers.admin');
  const fmt = useDateFormats();
  const [params, setParams] = useState<CustomerListParams>({ page: 1, pageSize: 20, sort: 'createdOn', order: 'desc' });
  const list = useCustomerList(params);
  const owners = useOwnerCandidates(isAdmin);
  const remove = useDeleteCustomer();
  const [current, setCurrent] = useState<Customer | null>(null);
  const [checked, setChecked] = useState<string[]>([]);
  const [rowMenu, setRowMenu] = useState<RowMenu | null>(null);
  const [form, setFormState] = useState<CustomerFormTarget | null>(null);
  const [formLoaded, setFormLoaded] = useState(false);
  const setForm = (target: CustomerFormTarget | null) => {
    if (target) setFormLoaded(true);
    setFormState(target);
  };
  const [transfer, setTransferState] = useState<TransferTarget | null>(null);
  const [transferLoaded, setTransferLoaded] = useState(false);
  const setTransfer = (target: TransferTarget | null) => {
    if (target) setTransferLoaded(true);
    setTransferState(target);
  };
  const [genericOpen, setGenericOpen] = useState(false);
  const [grant, setGrantState] = useState<GrantTarget | null>(null);
  const [grantLoaded, setGrantLoaded] = useState(false);
  const setGrant = (target: GrantTarget | null) => {
    if (target) setGrantLoaded(true);
    setGrantState(target);
  };
  const [tab, setTab] = useState('details');
  // `/customers?id=…` (from the follow-up list, a delegation, a link) opens that customer.
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const linkedId = search.get('id') ?? undefined;
  const linked = useCustomer(linkedId);
  useEffect(() => {
    if (!linkedId) return;
    if (linked.data) {
      setCurrent(linked.data);
      setSearch({}, { replace: true });
    } else if (linked.error) {
      report({ type: 'error', text: t('customer.notFound') });
      setSearch({}, { replace: true });
    }
  }, [linkedId, linked.data, linked.error, report, setSearch, t]);
  const [tableBox, tableHeight] = useHeight<HTMLDivElement>();

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  // The selected customer as currently listed (fresh after a save elsewhere).
  const selected = current ? (items.find((c) => c.id === current.id) ?? current) : null;

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('customer.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  const confirmDelete = (c: Customer) => {
    modal.confirm({
      title: t('customer.delete'),
      content: t('customer.confirmDelete', { name: c.name }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, id: 'customer-delete-ok' },
      onOk: () =>
        remove
          .mutateAsync(c.id)
          .then(() => {
            report({ type: 'success', text: t('customer.deleted', { name: c.name }) });
            if (current?.id === c.id) setCurrent(null);
            setChecked((keys) => keys.filter((k) => k !== c.id));
          })
          .catch((e: unknown) => report({ type: 'error', text: t('customer.deleteFailed', { name: c.name, reason: errorText(e) }) })),
    });
  };

  const openTransfer = (c: Customer) => {
    // The checked customers when the clicked one is among them, else the clicked one alone.
    const chosen = checked.includes(c.id) ? items.filter((x) => checked.includes(x.id)) : [c];
    const byOwner = new Map<string, string[]>();
    for (const x of chosen) byOwner.set(x.ownerId, [...(byOwner.get(x.ownerId) ?? []), x.id]);
    setTransfer({
      title: t('customer.transferTitle'),
      text: t('customer.transferText', { count: chosen.length }),
      groups: [...byOwner].map(([fromUserId, customerIds]) => ({ fromUserId, customerIds })),
    });
  };

  /** Grants the checked customers when the clicked one is among them (else the clicked one), leaving out those lent to me. */
  const openGrant = (c?: Customer) => {
    const base = c && !checked.includes(c.id) ? [c] : items.filter((x) => checked.includes(x.id));
    const chosen = base.filter((x) => !x.isDelegatedToMe);
    if (chosen.length === 0) return;
    setGrant({ kind: 'some', customerIds: chosen.map((x) => x.id), ownerIds: [...new Set(chosen.map((x) => x.ownerId))] });
  };
  const grantableChecked = items.filter((x) => checked.includes(x.id) && !x.isDelegatedToMe).length;

  // The list's current filter, for export and print.
  const filterQuery = { statusId: params.statusId, ownerId: params.ownerId, q: params.q, sort: params.sort, order: params.order };
  const exportList = (format: 'xlsx' | 'csv') => {
    const label = format === 'xlsx' ? 'Excel' : 'CSV';
    downloadFile('/api/customers/export', { format, ...filterQuery }, `customers.${format}`)
      .then(() => report({ type: 'success', text: t('customer.exported', { format: label }) }))
      .catch((e: unknown) => report({ type: 'error', text: t('customer.exportFailed', { reason: errorText(e) }) }));
  };
  const openPrint = (path: string, what: string) => {
    const w = window.open(path, '_blank');
    if (w) report({ type: 'info', text: t('customer.printOpened', { what }) });
    else report({ type: 'error', text: t('customer.printBlocked') });
  };
  const printList = () => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filterQuery)) if (v) q.set(k, String(v));
    openPrint(`/print/customers?${q.toString()}`, t('customer.printList'));
  };
  const printCustomer = (c: Customer) => openPrint(`/print/customer/${encodeURIComponent(c.id)}`, `${t('customer.printCustomer')} ${c.name}`);

  const exportItems: MenuProps['items'] = [
    { key: 'xlsx', label: t('customer.exportXlsx'), icon: <FileExcelOutlined />, onClick: () => exportList('xlsx') },
    { key: 'csv', label: t('customer.exportCsv'), icon: <FileTextOutlined />, onClick: () => exportList('csv') },
  ];
  const printItems = (c: Customer | null): MenuProps['items'] => [
    { key: 'print-list', label: t('customer.printList'), icon: <PrinterOutlined />, onClick: printList },
    { key: 'print-customer', label: t('customer.printCustomer'), icon: <PrinterOutlined />, disabled: !c, onClick: () => c && printCustomer(c) },
  ];
  const grantItems = (c?: Customer): MenuProps['items'] => [
    {
      key: 'grant',
      label: t('customer.grant'),
      icon: <ShareAltOutlined />,
      disabled: c ? c.isDelegatedToMe && !checked.includes(c.id) : grantableChecked === 0,
      onClick: () => openGrant(c),
    },
    { key: 'grant-all', label: t('customer.grantAll'), icon: <TeamOutlined />, onClick: () => setGrant({ kind: 'all' }) },
  ];

  const rowActions = (c: Customer): MenuProps['items'] => {
    const actions: MenuProps['items'] = [
      { key: 'edit', label: t('customer.edit'), icon: <EditOutlined />, onClick: () => setForm({ customer: c }) },
      { key: 'create', label: t('customer.create'), icon: <PlusOutlined />, onClick: () => setForm({ statusId: params.statusId }) },
    ];
    if (isAdmin) actions.push({ key: 'transfer', label: t('customer.transfer'), icon: <SwapOutlined />, onClick: () => openTransfer(c) });
    // A customer lent to me cannot be lent further nor deleted (the server refuses too).
    if (!c.isDelegatedToMe) actions.push(...(grantItems(c) ?? []));
    actions.push(
      { type: 'divider' },
      ...(exportItems ?? []),
      { key: 'print-customer', label: t('customer.printCustomer'), icon: <PrinterOutlined />, onClick: () => printCustomer(c) },
      { key: 'print-list', label: t('customer.printList'), icon: <PrinterOutlined />, onClick: printList },
    );
    if (!c.isDelegatedToMe)
      actions.push({ type: 'divider' }, { key: 'delete', label: t('customer.delete'), icon: <StopOutlined />, danger: true, onClick: () => confirmDelete(c) });
    return actions;
  };

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

  const ownerFilterOptions = (owners.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));

  return (
    <div className="kehu-customers" data-testid="customers-page">
      <div className="kehu-toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ statusId: params.statusId })} data-testid="customer-create">
          {t('customer.create')}
        </Button>
        <Input.Search
          allowClear
          placeholder={t('customer.search')}
          style={{ width: 300 }}
          onSearch={(q) => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
          data-testid="customer-search"
          id="customer-search"
        />
        {isAdmin && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('customer.filter.owner')}
            style={{ width: 150 }}
            options={ownerFilterOptions}
            onChange={(ownerId: string | undefined) => setParams((p) => ({ ...p, ownerId, page: 1 }))}
            data-testid="customer-owner-filter"
          />
        )}
        <Text type="secondary" className="kehu-toolbar-hint kehu-toolbar-fill" title={t('customer.selectHint')}>
          {t('customer.selectHint')}
        </Text>
        <Dropdown menu={{ items: grantItems() }} trigger={['click']}>
          <Button icon={<ShareAltOutlined />} data-testid="toolbar-grant">
            {t('customer.tab.delegations')} <DownOutlined />
          </Button>
        </Dropdown>
        <Button icon={<ImportOutlined />} onClick={() => navigate('/imports')} data-testid="toolbar-import">
          {t('customer.import')}
        </Button>
        <Dropdown menu={{ items: exportItems }} trigger={['click']}>
          <Button icon={<ExportOutlined />} data-testid="toolbar-export">
            {t('customer.export')} <DownOutlined />
          </Button>
        </Dropdown>
        <Dropdown menu={{ items: printItems(selected) }} trigger={['click']}>
          <Button icon={<PrinterOutlined />} data-testid="toolbar-print">
            {t('customer.print')} <DownOutlined />
          </Button>
        </Dropdown>
        {isAdmin && (
          <Button onClick={() => setGenericOpen(true)} data-testid="generic-keywords">
            {t('customer.genericKeywords')}
          </Button>
        )}
      </div>
      <div className="kehu-customers-body">
        <StatusPanel
          isAdmin={isAdmin}
          selectedId={params.statusId}
          onSelect={(statusId) => setParams((p) => ({ ...p, statusId, page: 1 }))}
          onCreateCustomer={(statusId) => setForm({ statusId })}
        />
        <div className="kehu-customers-main">
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
          <Tabs
            className="kehu-customer-tabs"
            type="card"
            size="small"
            data-testid="customer-tabs"
            tabBarExtraContent={
              <Button size="small" icon={<EditOutlined />} disabled={!selected} onClick={() => selected && setForm({ customer: selected })} data-testid="customer-edit">
                {t('customer.edit')}
              </Button>
            }
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'details', label: t('customer.tab.details'), children: <CustomerDetails customer={selected} /> },
              { key: 'contacts', label: <span data-testid="tab-contacts">{t('customer.tab.contacts')}</span>, children: selected ? <LazyTab><ContactsTab customer={selected} /></LazyTab> : <NoSelection /> },
              {
                key: 'activities',
                label: <span data-testid="tab-activities">{t('customer.tab.activities')}</span>,
                children: selected ? <LazyTab><ActivitiesTab customer={selected} /></LazyTab> : <NoSelection />,
              },
              {
                key: 'quotes',
                label: <span data-testid="tab-quotes">{t('customer.tab.quotes')}</span>,
                children: selected ? <LazyTab><QuotesTab customer={selected} /></LazyTab> : <NoSelection />,
              },
              {
                key: 'purchases',
                label: <span data-testid="tab-purchases">{t('customer.tab.purchases')}</span>,
                children: selected ? <LazyTab><PurchasesTab customer={selected} /></LazyTab> : <NoSelection />,
              },
              {
                key: 'fees',
                label: <span data-testid="tab-fees">{t('customer.tab.fees')}</span>,
                children: selected ? <LazyTab><FeesTab customer={selected} /></LazyTab> : <NoSelection />,
              },
              {
                key: 'service',
                label: <span data-testid="tab-service">{t('customer.tab.service')}</span>,
                children: selected ? <LazyTab><ServiceTab customer={selected} /></LazyTab> : <NoSelection />,
              },
              {
                key: 'delegations',
                label: <span data-testid="tab-delegations">{t('customer.tab.delegations')}</span>,
                children: selected ? <LazyTab><CustomerDelegationsTab customer={selected} /></LazyTab> : <NoSelection />,
              },
            ]}
          />
        </div>
      </div>
      {rowMenu && (
        <Dropdown open menu={{ items: rowActions(rowMenu.customer), onClick: () => setRowMenu(null) }} onOpenChange={(o) => !o && setRowMenu(null)} trigger={['contextMenu']}>
          <div style={{ position: 'fixed', left: rowMenu.x, top: rowMenu.y, width: 1, height: 1 }} />
        </Dropdown>
      )}
      {formLoaded && (
        <Suspense fallback={null}>
          <CustomerFormDialog target={form} onClose={() => setForm(null)} onSaved={(c) => setCurrent(c)} />
        </Suspense>
      )}
      {transferLoaded && (
        <Suspense fallback={null}>
          <TransferDialog target={transfer} onClose={() => setTransfer(null)} onDone={() => setChecked([])} />
        </Suspense>
      )}
      {grantLoaded && (
        <Suspense fallback={null}>
          <GrantDialog target={grant} onClose={() => setGrant(null)} onDone={() => setChecked([])} />
        </Suspense>
      )}
      {genericOpen && (
        <Suspense fallback={null}>
          <GenericKeywordsDialog open onClose={() => setGenericOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}

function LazyTab({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin size="small" style={{ display: 'block', margin: '16px auto' }} />}>{children}</Suspense>;
}

function NoSelection() {
  const t = useT();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noSelection')} style={{ margin: '8px 0' }} />;
}

function CustomerDetails({ customer }: { customer: Customer | null }) {
  const t = useT();
  const fmt = useDateFormats();
  if (!customer) return <NoSelection />;
  return (
    <Descriptions
      data-testid="customer-details"
      size="small"
      bordered
      column={3}
      items={[
        { key: 'name', label: t('field.customerName'), children: customer.name, span: 2 },
        { key: 'keyword', label: t('field.keyword'), children: customer.keyword },
        { key: 'status', label: t('field.status'), children: customer.statusName },
        { key: 'owner', label: t('field.owner'), children: customer.ownerName },
        { key: 'createdOn', label: t('field.createdOn'), children: fmt.date(customer.createdOn) },
        { key: 'industry', label: t('field.industry'), children: customer.industry },
        { key: 'source', label: t('field.source'), children: customer.source },
        { key: 'region', label: t('field.region'), children: customer.region },
        { key: 'phone', label: t('field.phone'), children: customer.phone },
        { key: 'website', label: t('field.website'), children: customer.website, span: 2 },
        { key: 'address', label: t('field.address'), children: customer.address, span: 3 },
        { key: 'notes', label: t('field.notes'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{customer.notes}</span>, span: 3 },
        { key: 'updatedAt', label: t('field.updatedAt'), children: fmt.dateTime(customer.updatedAt), span: 3 },
      ]}
    />
  );
}
