import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  AnnualFeePayment,
  CreateAnnualFeePaymentInput,
  CreatePaymentInput,
  CreatePurchaseInput,
  CreateQuoteInput,
  Page,
  Payment,
  Purchase,
  Quote,
  UpdatePurchaseInput,
  UpdateQuoteInput,
} from './types';

const id = (v: string) => encodeURIComponent(v);

export const dealKeys = {
  quotes: (cid: string) => ['customer', cid, 'quotes'] as const,
  quote: (cid: string, qid: string) => ['customer', cid, 'quotes', qid] as const,
  purchases: (cid: string) => ['customer', cid, 'purchases'] as const,
  payments: (cid: string, pid: string) => ['customer', cid, 'purchases', pid, 'payments'] as const,
  feePayments: (cid: string, pid: string) => ['customer', cid, 'purchases', pid, 'annual-fee-payments'] as const,
};

/** Zone 6: the quotes of a customer. */
export function useQuotes(cid: string | undefined) {
  return useQuery({
    queryKey: dealKeys.quotes(cid ?? ''),
    queryFn: ({ signal }) => api<Page<Quote>>(`/api/customers/${id(cid ?? '')}/quotes`, { query: { pageSize: 200 }, signal }),
    enabled: !!cid,
  });
}

/** One quote (the print view). */
export function useQuote(cid: string | undefined, qid: string | undefined) {
  return useQuery({
    queryKey: dealKeys.quote(cid ?? '', qid ?? ''),
    queryFn: ({ signal }) => api<Quote>(`/api/customers/${id(cid ?? '')}/quotes/${id(qid ?? '')}`, { signal }),
    enabled: !!cid && !!qid,
  });
}

/** Zone 7: the purchases of a customer. */
export function usePurchases(cid: string | undefined) {
  return useQuery({
    queryKey: dealKeys.purchases(cid ?? ''),
    queryFn: ({ signal }) => api<Page<Purchase>>(`/api/customers/${id(cid ?? '')}/purchases`, { query: { pageSize: 200 }, signal }),
    enabled: !!cid,
  });
}

export function usePayments(cid: string, pid: string) {
  return useQuery({
    queryKey: dealKeys.payments(cid, pid),
    queryFn: ({ signal }) => api<Page<Payment>>(`/api/customers/${id(cid)}/purchases/${id(pid)}/payments`, { query: { pageSize: 200 }, signal }),
  });
}

export function useAnnualFeePayments(cid: string, pid: string) {
  return useQuery({
    queryKey: dealKeys.feePayments(cid, pid),
    queryFn: ({ signal }) => api<Page<AnnualFeePayment>>(`/api/customers/${id(cid)}/purchases/${id(pid)}/annual-fee-payments`, { query: { pageSize: 200 }, signal }),
  });
}

/** Everything of a customer (its log, quotes, purchases) and the reports change together. */
function useInvalidateDeals() {
  const qc = useQueryClient();
  return (cid: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['customer', cid] }),
      qc.invalidateQueries({ queryKey: ['reports'] }),
      qc.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
}

export function useSaveQuote() {
  const invalidate = useInvalidateDeals();
  return useMutation({
    mutationFn: ({ customerId, quoteId, input }: { customerId: string; quoteId?: string; input: CreateQuoteInput | UpdateQuoteInput }) =>
      quoteId
        ? api<Quote>(`/api/customers/${id(customerId)}/quotes/${id(quoteId)}`, { method: 'PATCH', body: input })
        : api<Quote>(`/api/customers/${id(customerId)}/quotes`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeleteQuote() {
  const invalidate = useInvalidateDeals();
  return useMutation({
    mutationFn: ({ customerId, quoteId }: { customerId: string; quoteId: string }) => api<void>(`/api/customers/${id(customerId)}/quotes/${id(quoteId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useQuoteToPurchases() {
  const invalidate = useInvalidateDeals();
  return useMutation({
    mutationFn: ({ customerId, quoteId, purchasedOn }: { customerId: string; quoteId: string; purchasedOn?: string }) =>
      api<{ items: Purchase[] }>(`/api/customers/${id(customerId)}/quotes/${id(quoteId)}/purchase`, { method: 'POST', body: purchasedOn ? { purchasedOn } : {} }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useSavePurchase() {
  const invalidate = useInvalidateDeals();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, input }: { customerId: string; purchaseId?: string; input: CreatePurchaseInput | UpdatePurchaseInput }) =>
      purchaseId
        ? api<Purchase>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}`, { method: 'PATCH', body: input })
        : api<Purchase>(`/api/customers/${id(customerId)}/purchases`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeletePurchase() {
  const invalidate = useInvalidateDeals();
  return useMutation({
    mutationFn: ({ customerId, purchaseId }: { customerId: string; purchaseId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useAddPayment() {
  const invalidate = useInvalidateDeals();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, input }: { customerId: string; purchaseId: string; input: CreatePaymentInput }) =>
      api<Payment>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}/payments`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeletePayment() {
  const invalidate = useInvalidateDeals();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, paymentId }: { customerId: string; purchaseId: string; paymentId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}/payments/${id(paymentId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useAddAnnualFeePayment() {
  const invalidate = useInvalidateDeals();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, input }: { customerId: string; purchaseId: string; input: CreateAnnualFeePaymentInput }) =>
      api<AnnualFeePayment>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}/annual-fee-payments`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeleteAnnualFeePayment() {
  const invalidate = useInvalidateDeals();
  return useMutation({
    mutationFn: ({ customerId, purchaseId, paymentId }: { customerId: string; purchaseId: string; paymentId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/purchases/${id(purchaseId)}/annual-fee-payments/${id(paymentId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}
