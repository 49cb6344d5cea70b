import type { MenuProps } from 'antd';
import { EditOutlined, FileExcelOutlined, MergeCellsOutlined, FileTextOutlined, PlusOutlined, PrinterOutlined, ShareAltOutlined, StopOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { errorText } from '../../api/client';
import { useDeleteCustomer } from '../../api/customers';
import { downloadFile } from '../../api/download';
import type { Customer } from '../../api/types';
import { useAppModal } from '../../components/app-modal';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import { defaultPair } from '../duplicates/merge-pair';
import type { CustomersPageState } from './use-customers-page';

/** The customer screen's menus (toolbar drop-downs, a row's right-click menu) and what their items do. */
export function useCustomerMenus(page: CustomersPageState) {
  const t = useT();
  const { modal } = useAppModal();
  const { report } = useMessages();
  const remove = useDeleteCustomer();
  const { isAdmin, params, items, current, setCurrent, checked, setChecked } = page;
  const setForm = page.form.set;
  const setTransfer = page.transfer.set;
  const setGrant = page.grant.set;
  const setMerge = page.merge.set;

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

  /** Two checked customers can be merged (admin). */
  const mergeable = isAdmin && checked.length === 2;
  const openMerge = () => {
    const [a, b] = checked;
    if (!mergeable || !a || !b) return;
    // A customer ticked on another page has no date here: the dialog's preview sets the default right.
    const dated = (cid: string) => items.find((x) => x.id === cid) ?? { id: cid, createdOn: '' };
    setMerge(defaultPair(dated(a), dated(b)));
  };

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
    if (mergeable && checked.includes(c.id)) actions.push({ key: 'merge', label: t('merge.action'), icon: <MergeCellsOutlined />, onClick: openMerge });
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

  return { exportItems, printItems, grantItems, rowActions, mergeable, openMerge };
}

export type CustomerMenus = ReturnType<typeof useCustomerMenus>;
