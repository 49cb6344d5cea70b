import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { can } from '../../../../common/roles.js';
import { errorText } from '../../api/client';
import { useCustomer, useCustomerList, useOwnerCandidates } from '../../api/customers';
import { useMe } from '../../api/session';
import type { Customer, CustomerListParams } from '../../api/types';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';
import type { CustomerFormTarget } from './customer-form-dialog';
import type { TransferTarget } from './transfer-dialog';
import type { GrantTarget } from '../delegations/grant-dialog';
import type { MergePair } from '../duplicates/merge-pair';

/** Where a row's right-click menu opens, and for which customer. */
export interface RowMenu {
  x: number;
  y: number;
  customer: Customer;
}

/** A dialog's target; `loaded` stays true once it was opened, so its lazily loaded code stays mounted. */
export interface DialogState<T> {
  target: T | null;
  loaded: boolean;
  set: (target: T | null) => void;
}

function useDialog<T>(): DialogState<T> {
  const [target, setTarget] = useState<T | null>(null);
  const [loaded, setLoaded] = useState(false);
  const set = (next: T | null) => {
    if (next) setLoaded(true);
    setTarget(next);
  };
  return { target, loaded, set };
}

/** The customer screen's state: the list's query, the selected and checked customers, the open menu and dialogs. */
export function useCustomersPage() {
  const t = useT();
  const { report } = useMessages();
  const me = useMe().data;
  const isAdmin = !!me && can(me.role, 'customers.admin');
  const [params, setParams] = useState<CustomerListParams>({ page: 1, pageSize: 20, sort: 'createdOn', order: 'desc' });
  const list = useCustomerList(params);
  const owners = useOwnerCandidates(isAdmin);
  const [current, setCurrent] = useState<Customer | null>(null);
  const [checked, setChecked] = useState<string[]>([]);
  const [rowMenu, setRowMenu] = useState<RowMenu | null>(null);
  const form = useDialog<CustomerFormTarget>();
  const transfer = useDialog<TransferTarget>();
  const [genericOpen, setGenericOpen] = useState(false);
  const grant = useDialog<GrantTarget>();
  const merge = useDialog<MergePair>();
  // `/customers?id=…` (from the follow-up list, a delegation, a link) opens that customer.
  const [search, setSearch] = useSearchParams();
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

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  // The selected customer as currently listed (fresh after a save elsewhere).
  const selected = current ? (items.find((c) => c.id === current.id) ?? current) : null;

  useEffect(() => {
    if (list.error) report({ type: 'error', text: t('customer.loadFailed', { reason: errorText(list.error) }) });
  }, [list.error, report, t]);

  return {
    isAdmin,
    params,
    setParams,
    list,
    items,
    owners: owners.data,
    current,
    setCurrent,
    selected,
    checked,
    setChecked,
    rowMenu,
    setRowMenu,
    form,
    transfer,
    grant,
    merge,
    genericOpen,
    setGenericOpen,
  };
}

export type CustomersPageState = ReturnType<typeof useCustomersPage>;
