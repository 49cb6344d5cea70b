import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { customerKeys } from './customers';
import type { Activity, CreateFollowUpInput, DueFollowUp, FollowUp, Page, UpdateFollowUpInput } from './types';

const id = (v: string) => encodeURIComponent(v);

export const activityKeys = {
  activities: (cid: string, kind?: string) => ['customer', cid, 'activities', kind ?? 'all'] as const,
  due: ['followups', 'due'] as const,
};

/** Contacts, the log and the list's search (contact names are searchable) change together. */
export function useInvalidateContactsAndActivities() {
  const qc = useQueryClient();
  return (cid: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: customerKeys.one(cid) }),
      qc.invalidateQueries({ queryKey: customerKeys.all }),
      qc.invalidateQueries({ queryKey: activityKeys.due }),
    ]);
}

/** Zone 5: the log and the follow-ups in one timeline, newest first, loaded page by page. */
export function useActivities(cid: string | undefined, kind?: 'log' | 'followup', pageSize = 30) {
  return useInfiniteQuery({
    queryKey: [...activityKeys.activities(cid ?? '', kind), pageSize],
    queryFn: ({ signal, pageParam }) =>
      api<Page<Activity>>(`/api/customers/${id(cid ?? '')}/activities`, { query: { kind, pageSize, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!cid,
  });
}

export function useSaveFollowUp() {
  const invalidate = useInvalidateContactsAndActivities();
  return useMutation({
    mutationFn: ({ customerId, followUpId, input }: { customerId: string; followUpId?: string; input: CreateFollowUpInput | UpdateFollowUpInput }) =>
      followUpId
        ? api<FollowUp>(`/api/customers/${id(customerId)}/activities/${id(followUpId)}`, { method: 'PATCH', body: input })
        : api<FollowUp>(`/api/customers/${id(customerId)}/activities`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeleteFollowUp() {
  const invalidate = useInvalidateContactsAndActivities();
  return useMutation({
    mutationFn: ({ customerId, followUpId }: { customerId: string; followUpId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/activities/${id(followUpId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

/** Customers to follow up today or earlier (or within `withinDays`). */
export function useDueFollowUps(params: { page: number; pageSize: number; withinDays?: number }, enabled = true) {
  return useQuery({
    queryKey: [...activityKeys.due, params],
    queryFn: ({ signal }) => api<Page<DueFollowUp>>('/api/followups/due', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  });
}
