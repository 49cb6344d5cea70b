import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AuditEntry, AuditParams, Page } from './types';

export function useAuditList(params: AuditParams) {
  return useQuery({
    queryKey: ['audit', params],
    queryFn: ({ signal }) => api<Page<AuditEntry>>('/api/audit', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
