import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  AnnualFeePayment,
  CreateAnnualFeePaymentInput,
  CreatePaymentInput,
  CreatePurchaseInput,
  Page,
  Payment,
  Purchase,
  UpdatePurchaseInput,
} from './types';

const id = (v: string) => encodeURIComponent(v);

export const purchaseKeys = {
  purchases: (cid: string) => ['customer', cid, 'purchases'] as const,
  payments: (cid: string, pid: string) => ['customer', cid, 'purchases', pid, 'payments'] as const,
  feePayments: (cid: string, pid: string) => ['customer', cid, 'purchases', pid, 'annual-fee-payments'] as const,
};

/** Zone 7: the purchases of a customer. */
export function usePurchases(cid: string | undefined) {
  return useQuery({
    queryKey: purchaseKeys.purchases(cid ?? ''),
    queryFn: ({ signal }) => api<Page<Purchase>>(`/api/customers/${id(cid ?? '')}/purchases`, { query: { pageSize: 200 }, signal }),
    enabled: !!cid,
  });
}

export function usePayments(cid: string, pid: string) {
  return useQuery({
    queryKey: purchaseKeys.payments(cid, pid),
    queryFn: ({ signal }) => api<Page<Payment>>(`/api/customers/${id(cid)}/purchases/${id(pid)}/payments`, { query: { pageSize: 200 }, signal }),
  });
}

export function useAnnualFeePayments(cid: string, pid: string) {
  return useQuery({
    queryKey: purchaseKeys.feePayments(cid, pid),
    queryFn: ({ signal }) => api<Page<AnnualFeePayment>>(`/api/customers/${id(cid)}/purchases/${id(pid)}/annual-fee-payments`, { query: { pageSize: 200 }, signal }),
  });
}

/** A purchase as the request dialog's picker needs it. */
export interface PurchaseOption {
  id: string;
  productName: string;
  purchasedOn: string;
}

/** The purchases of a customer, for choosing the product a request concerns. */
export function usePurchaseOptions(cid: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['customer', cid ?? '', 'purchases', 'options'] as const,
    queryFn: ({ signal }) => api<Page<PurchaseOption>>(`/api/customers/${id(cid ?? '')}/purchases`, { query: { pageSize: 200 }, signal }),
    enabled: !!cid && enabled,
  });
}

/** Everything of a customer (its log, quotes, purchases) and the reports change together. */
export function useInvalidateCustomerAndReports() {
  const qc = useQueryClient();
  return (cid: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['customer', cid] }),
      qc.invalidateQueries({ queryKey: ['reports'] }),
      qc.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
}

export function useSavePurchase() {
  const invalidate = useInvalidateCustomerAndReports();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, input }: { customerId: string; purchaseId?: string; input: CreatePurchaseInput | UpdatePurchaseInput }) =>
      purchaseId
        ? api<Purchase>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}`, { method: 'PATCH', body: input })
        : api<Purchase>(`/api/customers/${id(customerId)}/purchases`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeletePurchase() {
  const invalidate = useInvalidateCustomerAndReports();
  return useMutation({
    mutationFn: ({ customerId, purchaseId }: { customerId: string; purchaseId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useAddPayment() {
  const invalidate = useInvalidateCustomerAndReports();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, input }: { customerId: string; purchaseId: string; input: CreatePaymentInput }) =>
      api<Payment>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}/payments`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeletePayment() {
  const invalidate = useInvalidateCustomerAndReports();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, paymentId }: { customerId: string; purchaseId: string; paymentId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}/payments/${id(paymentId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useAddAnnualFeePayment() {
  const invalidate = useInvalidateCustomerAndReports();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, input }: { customerId: string; purchaseId: string; input: CreateAnnualFeePaymentInput }) =>
      api<AnnualFeePayment>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}/annual-fee-payments`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeleteAnnualFeePayment() {
  const invalidate = useInvalidateCustomerAndReports();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, paymentId }: { customerId: string; purchaseId: string; paymentId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}/annual-fee-payments/${id(paymentId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}
