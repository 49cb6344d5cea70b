import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { AnnualFeeParams, AnnualFeeReport, ArrearsParams, ArrearsReport, Charts, Dashboard } from './types';

const id = (v: string) => encodeURIComponent(v);

export const reportKeys = {
  all: ['reports'] as const,
  annualFees: (p: AnnualFeeParams) => ['reports', 'annual-fees', p] as const,
  arrears: (p: ArrearsParams) => ['reports', 'arrears', p] as const,
  charts: ['reports', 'charts'] as const,
  dashboard: ['dashboard'] as const,
};

/** 年费催缴: annual fees due within N days, overdue ones included. */
export function useAnnualFees(params: AnnualFeeParams, enabled = true) {
  return useQuery({
    queryKey: reportKeys.annualFees(params),
    queryFn: ({ signal }) => api<AnnualFeeReport>('/api/reports/annual-fees', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** 欠款统计: customers who owe money, with ageing and totals per salesperson. */
export function useArrears(params: ArrearsParams) {
  return useQuery({
    queryKey: reportKeys.arrears(params),
    queryFn: ({ signal }) => api<ArrearsReport>('/api/reports/arrears', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCharts() {
  return useQuery({ queryKey: reportKeys.charts, queryFn: ({ signal }) => api<Charts>('/api/reports/charts', { signal }) });
}

export function useDashboard(enabled = true) {
  return useQuery({ queryKey: reportKeys.dashboard, queryFn: ({ signal }) => api<Dashboard>('/api/dashboard', { signal }), enabled, staleTime: 15_000 });
}

export function useMarkReminded() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, note }: { customerId: string; purchaseId: string; note?: string }) =>
      api<unknown>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}/reminders`, { method: 'POST', body: note ? { note } : {} }),
    onSettled: (_d, _e, v) =>
      Promise.all([qc.invalidateQueries({ queryKey: reportKeys.all }), qc.invalidateQueries({ queryKey: reportKeys.dashboard }), qc.invalidateQueries({ queryKey: ['customer', v.customerId] })]),
  });
}
