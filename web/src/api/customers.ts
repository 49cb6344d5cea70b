import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  CreateCustomerInput,
  Customer,
  CustomerListParams,
  CustomerStatus,
  GenericKeyword,
  Page,
  TransferResult,
  UpdateCustomerInput,
  User,
} from './types';

export const customerKeys = {
  all: ['customers'] as const,
  /** One customer, and the prefix of everything of that customer (contacts, log, quotes…). */
  one: (cid: string) => ['customer', cid] as const,
  list: (p: CustomerListParams) => ['customers', 'list', p] as const,
  recycleBin: (p: { page: number; pageSize: number }) => ['customers', 'recycle-bin', p] as const,
  statuses: ['customer-statuses'] as const,
  genericKeywords: ['generic-keywords'] as const,
};

const id = (v: string) => encodeURIComponent(v);

/** Zone 1: the statuses with the count of customers the caller may see. */
export function useStatuses() {
  return useQuery({
    queryKey: customerKeys.statuses,
    queryFn: ({ signal }) => api<CustomerStatus[]>('/api/customer-statuses', { signal }),
  });
}

/** Zone 2: one page of the visible customers. */
export function useCustomerList(params: CustomerListParams) {
  return useQuery({
    queryKey: customerKeys.list(params),
    queryFn: ({ signal }) => api<Page<Customer>>('/api/customers', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRecycleBin(params: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: customerKeys.recycleBin(params),
    queryFn: ({ signal }) => api<Page<Customer>>('/api/customers/recycle-bin', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One customer (for the print view and for opening a customer from a link). */
export function useCustomer(cid: string | undefined) {
  return useQuery({
    queryKey: customerKeys.one(cid ?? ''),
    queryFn: ({ signal }) => api<Customer>(`/api/customers/${id(cid ?? '')}`, { signal }),
    enabled: !!cid,
  });
}

/** Active administrators and salespeople: who may own customers (admin only: full user records). */
export function useOwnerCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'owners'],
    queryFn: async ({ signal }) => {
      const page = await api<Page<User>>('/api/users', { query: { active: 'true', pageSize: 500, sort: 'displayName' }, signal });
      return page.items.filter((u) => u.role === 'admin' || u.role === 'sales');
    },
    enabled,
    staleTime: 60_000,
  });
}

/** Customers and the counts of zone 1 change together. */
function useInvalidateCustomers() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: customerKeys.all }), qc.invalidateQueries({ queryKey: customerKeys.statuses })]);
}

export function useCreateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: CreateCustomerInput) => api<Customer>('/api/customers', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id: cid, ...input }: UpdateCustomerInput & { id: string }) => api<Customer>(`/api/customers/${id(cid)}`, { method: 'PATCH', body: input }),
    // Also after a failure: a stale version means the list must show the newer record.
    onSettled: invalidate,
  });
}

export function useDeleteCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (cid: string) => api<void>(`/api/customers/${id(cid)}`, { method: 'DELETE' }),
    onSettled: invalidate,
  });
}

export function useRestoreCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (cid: string) => api<void>(`/api/customers/${id(cid)}/restore`, { method: 'POST' }),
    onSettled: invalidate,
  });
}

export function useTransferCustomers() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ fromUserId, toUserId, customerIds }: { fromUserId: string; toUserId: string; customerIds?: string[] }) =>
      api<TransferResult>(`/api/users/${id(fromUserId)}/transfer-customers`, { method: 'POST', body: { toUserId, customerIds } }),
    onSettled: invalidate,
  });
}

function useInvalidateStatuses() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: customerKeys.statuses });
}

export function useCreateStatus() {
  const invalidate = useInvalidateStatuses();
  return useMutation({
    mutationFn: (name: string) => api<CustomerStatus>('/api/customer-statuses', { method: 'POST', body: { name } }),
    onSettled: invalidate,
  });
}

export function useUpdateStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id: sid, ...input }: { id: string; name?: string; sortOrder?: number }) =>
      api<CustomerStatus>(`/api/customer-statuses/${id(sid)}`, { method: 'PATCH', body: input }),
    // A renamed status shows under its new name in the list too.
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: customerKeys.statuses }), qc.invalidateQueries({ queryKey: customerKeys.all })]),
  });
}

export function useDeleteStatus() {
  const invalidate = useInvalidateStatuses();
  return useMutation({
    mutationFn: (sid: string) => api<void>(`/api/customer-statuses/${id(sid)}`, { method: 'DELETE' }),
    onSettled: invalidate,
  });
}

export function useGenericKeywords(enabled: boolean) {
  return useQuery({
    queryKey: customerKeys.genericKeywords,
    queryFn: ({ signal }) => api<GenericKeyword[]>('/api/generic-keywords', { signal }),
    enabled,
  });
}

export function useAddGenericKeyword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (word: string) => api<GenericKeyword>('/api/generic-keywords', { method: 'POST', body: { word } }),
    onSettled: () => qc.invalidateQueries({ queryKey: customerKeys.genericKeywords }),
  });
}

export function useDeleteGenericKeyword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (word: string) => api<void>(`/api/generic-keywords/${id(word)}`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: customerKeys.genericKeywords }),
  });
}
