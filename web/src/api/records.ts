import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { customerKeys } from './customers';
import type {
  Activity,
  Contact,
  CreateContactInput,
  CreateFollowUpInput,
  Customer,
  DueFollowUp,
  FollowUp,
  Page,
  UpdateContactInput,
  UpdateFollowUpInput,
} from './types';

const id = (v: string) => encodeURIComponent(v);

export const recordKeys = {
  customer: (cid: string) => ['customer', cid] as const,
  contacts: (cid: string) => ['customer', cid, 'contacts'] as const,
  activities: (cid: string, kind?: string) => ['customer', cid, 'activities', kind ?? 'all'] as const,
  due: ['followups', 'due'] as const,
};

/** One customer (for the print view and for opening a customer from a link). */
export function useCustomer(cid: string | undefined) {
  return useQuery({
    queryKey: recordKeys.customer(cid ?? ''),
    queryFn: ({ signal }) => api<Customer>(`/api/customers/${id(cid ?? '')}`, { signal }),
    enabled: !!cid,
  });
}

/** Zone 4: the contacts of a customer, primary first. */
export function useContacts(cid: string | undefined) {
  return useQuery({
    queryKey: recordKeys.contacts(cid ?? ''),
    queryFn: ({ signal }) => api<Page<Contact>>(`/api/customers/${id(cid ?? '')}/contacts`, { query: { pageSize: 500 }, signal }),
    enabled: !!cid,
  });
}

/** Contacts, the log and the list's search (contact names are searchable) change together. */
function useInvalidateCustomerRecords() {
  const qc = useQueryClient();
  return (cid: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: recordKeys.customer(cid) }),
      qc.invalidateQueries({ queryKey: customerKeys.all }),
      qc.invalidateQueries({ queryKey: recordKeys.due }),
    ]);
}

export function useSaveContact() {
  const invalidate = useInvalidateCustomerRecords();
  return useMutation({
    mutationFn: ({ customerId, contactId, input }: { customerId: string; contactId?: string; input: CreateContactInput | UpdateContactInput }) =>
      contactId
        ? api<Contact>(`/api/customers/${id(customerId)}/contacts/${id(contactId)}`, { method: 'PATCH', body: input })
        : api<Contact>(`/api/customers/${id(customerId)}/contacts`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeleteContact() {
  const invalidate = useInvalidateCustomerRecords();
  return useMutation({
    mutationFn: ({ customerId, contactId }: { customerId: string; contactId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/contacts/${id(contactId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

/** Zone 5: the log and the follow-ups in one timeline, newest first, loaded page by page. */
export function useActivities(cid: string | undefined, kind?: 'log' | 'followup', pageSize = 30) {
  return useInfiniteQuery({
    queryKey: [...recordKeys.activities(cid ?? '', kind), pageSize],
    queryFn: ({ signal, pageParam }) =>
      api<Page<Activity>>(`/api/customers/${id(cid ?? '')}/activities`, { query: { kind, pageSize, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!cid,
  });
}

export function useSaveFollowUp() {
  const invalidate = useInvalidateCustomerRecords();
  return useMutation({
    mutationFn: ({ customerId, followUpId, input }: { customerId: string; followUpId?: string; input: CreateFollowUpInput | UpdateFollowUpInput }) =>
      followUpId
        ? api<FollowUp>(`/api/customers/${id(customerId)}/activities/${id(followUpId)}`, { method: 'PATCH', body: input })
        : api<FollowUp>(`/api/customers/${id(customerId)}/activities`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeleteFollowUp() {
  const invalidate = useInvalidateCustomerRecords();
  return useMutation({
    mutationFn: ({ customerId, followUpId }: { customerId: string; followUpId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/activities/${id(followUpId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

/** Customers to follow up today or earlier (or within `withinDays`). */
export function useDueFollowUps(params: { page: number; pageSize: number; withinDays?: number }, enabled = true) {
  return useQuery({
    queryKey: [...recordKeys.due, params],
    queryFn: ({ signal }) => api<Page<DueFollowUp>>('/api/followups/due', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  });
}
