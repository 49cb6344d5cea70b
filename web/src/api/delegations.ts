import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { customerKeys } from './customers';
import type { CreateDelegationInput, Delegation, DelegationParams, Page, UserSummary } from './types';

const id = (v: string) => encodeURIComponent(v);

export const delegationKeys = {
  all: ['delegations'] as const,
  list: (p: DelegationParams) => ['delegations', 'list', p] as const,
  ofCustomer: (cid: string) => ['delegations', 'customer', cid] as const,
};

export function useDelegations(params: DelegationParams) {
  return useQuery({
    queryKey: delegationKeys.list(params),
    queryFn: ({ signal }) => api<Page<Delegation>>('/api/delegations', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Zone 8: the grants of one customer, active and ended. */
export function useCustomerDelegations(cid: string | undefined) {
  return useQuery({
    queryKey: delegationKeys.ofCustomer(cid ?? ''),
    queryFn: ({ signal }) => api<Page<Delegation>>(`/api/customers/${id(cid ?? '')}/delegations`, { query: { pageSize: 200 }, signal }),
    enabled: !!cid,
  });
}

/** Active salespeople: who may receive a grant (the caller and the owner are left out by the dialog). */
export function useSalespeople(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'salespeople'],
    queryFn: async ({ signal }) => {
      const page = await api<Page<UserSummary & { active?: boolean }>>('/api/users', { query: { active: 'true', role: 'sales', pageSize: 500, sort: 'displayName' }, signal });
      return page.items.filter((u) => u.role === 'sales' && u.active !== false);
    },
    enabled,
    staleTime: 60_000,
  });
}

/** Grants, revokes and the list's delegation marks change together; so does the customer's log. */
function useInvalidateDelegations() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: delegationKeys.all }),
      qc.invalidateQueries({ queryKey: customerKeys.all }),
      qc.invalidateQueries({ queryKey: customerKeys.statuses }),
      qc.invalidateQueries({ queryKey: ['customer'] }),
      qc.invalidateQueries({ queryKey: ['followups'] }),
    ]);
}

export function useGrant() {
  const invalidate = useInvalidateDelegations();
  return useMutation({
    mutationFn: (input: CreateDelegationInput) => api<{ items: Delegation[] }>('/api/delegations', { method: 'POST', body: input }),
    onSettled: invalidate,
  });
}

export function useRevoke() {
  const invalidate = useInvalidateDelegations();
  return useMutation({
    mutationFn: (did: string) => api<Delegation>(`/api/delegations/${id(did)}/revoke`, { method: 'POST' }),
    onSettled: invalidate,
  });
}

export function useRevokeAll() {
  const invalidate = useInvalidateDelegations();
  return useMutation({
    mutationFn: (toUserId: string) => api<{ revoked: number }>('/api/delegations/revoke-all', { method: 'POST', body: { toUserId } }),
    onSettled: invalidate,
  });
}
