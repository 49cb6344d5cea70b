import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useInvalidateCustomerAndReports } from './purchases';
import type { CreateQuoteInput, Page, Purchase, Quote, UpdateQuoteInput } from './types';

const id = (v: string) => encodeURIComponent(v);

export const quoteKeys = {
  quotes: (cid: string) => ['customer', cid, 'quotes'] as const,
  quote: (cid: string, qid: string) => ['customer', cid, 'quotes', qid] as const,
};

/** Zone 6: the quotes of a customer. */
export function useQuotes(cid: string | undefined) {
  return useQuery({
    queryKey: quoteKeys.quotes(cid ?? ''),
    queryFn: ({ signal }) => api<Page<Quote>>(`/api/customers/${id(cid ?? '')}/quotes`, { query: { pageSize: 200 }, signal }),
    enabled: !!cid,
  });
}

/** One quote (the print view). */
export function useQuote(cid: string | undefined, qid: string | undefined) {
  return useQuery({
    queryKey: quoteKeys.quote(cid ?? '', qid ?? ''),
    queryFn: ({ signal }) => api<Quote>(`/api/customers/${id(cid ?? '')}/quotes/${id(qid ?? '')}`, { signal }),
    enabled: !!cid && !!qid,
  });
}

export function useSaveQuote() {
  const invalidate = useInvalidateCustomerAndReports();
  return useMutation({
    mutationFn: ({ customerId, quoteId, input }: { customerId: string; quoteId?: string; input: CreateQuoteInput | UpdateQuoteInput }) =>
      quoteId
        ? api<Quote>(`/api/customers/${id(customerId)}/quotes/${id(quoteId)}`, { method: 'PATCH', body: input })
        : api<Quote>(`/api/customers/${id(customerId)}/quotes`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeleteQuote() {
  const invalidate = useInvalidateCustomerAndReports();
  return useMutation({
    mutationFn: ({ customerId, quoteId }: { customerId: string; quoteId: string }) => api<void>(`/api/customers/${id(customerId)}/quotes/${id(quoteId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useQuoteToPurchases() {
  const invalidate = useInvalidateCustomerAndReports();
  return useMutation({
    mutationFn: ({ customerId, quoteId, purchasedOn }: { customerId: string; quoteId: string; purchasedOn?: string }) =>
      api<{ items: Purchase[] }>(`/api/customers/${id(customerId)}/quotes/${id(quoteId)}/purchase`, { method: 'POST', body: purchasedOn ? { purchasedOn } : {} }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}
