import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { customerKeys } from './customers';
import type { Customer, DuplicateGroup, DuplicateMatch, MergeInput, MergePreview, Page } from './types';

export const duplicateKeys = {
  // Under the customers' prefix: every customer write refreshes the groups too.
  groups: (p: { page: number; pageSize: number }) => [...customerKeys.all, 'duplicate-groups', p] as const,
  // Not under it: the preview must not be refetched by the merge's own invalidation (its source is gone then).
  preview: (targetId: string, sourceId: string) => ['merge-preview', targetId, sourceId] as const,
};

const enc = (v: string) => encodeURIComponent(v);

/** The live duplicate check while typing (it spends the salesperson's duplicate budget). */
export function checkDuplicates(params: { name?: string; keyword?: string; excludeId?: string }, signal: AbortSignal) {
  return api<{ matches: DuplicateMatch[] }>('/api/customers/duplicates', { query: params, signal });
}

/** The admin's groups of look-alike customers, largest first. */
export function useDuplicateGroups(params: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: duplicateKeys.groups(params),
    queryFn: ({ signal }) => api<Page<DuplicateGroup>>('/api/customers/duplicate-groups', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** What merging `sourceId` into `targetId` would do; always fetched afresh (it carries the version to send). */
export function useMergePreview(targetId: string | null, sourceId: string | null) {
  return useQuery({
    queryKey: duplicateKeys.preview(targetId ?? '', sourceId ?? ''),
    queryFn: ({ signal }) => api<MergePreview>(`/api/customers/${enc(targetId ?? '')}/merge-preview`, { query: { sourceId: sourceId ?? '' }, signal }),
    enabled: !!targetId && !!sourceId,
    staleTime: 0,
    gcTime: 0,
  });
}

/** Merges `sourceId` into `targetId` (the one kept, at `version`). */
export function useMergeCustomers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ targetId, ...input }: MergeInput & { targetId: string }) =>
      api<Customer>(`/api/customers/${enc(targetId)}/merge`, { method: 'POST', body: input }),
    // A merge moves contacts, follow-ups, quotes, purchases, requests and grants: every list may
    // show them, so all of them reload (only those on screen refetch); the preview is left alone.
    // Also after a failure: a stale version means the lists must show the newer record.
    onSettled: () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'merge-preview' }),
  });
}
