import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CreateSupplierInput, Page, Supplier, SupplierParams, UpdateSupplierInput } from './types';

const id = (v: string) => encodeURIComponent(v);

export const supplierKeys = {
  all: ['suppliers'] as const,
  list: (p: SupplierParams) => ['suppliers', 'list', p] as const,
};

/** 供应商管理: one page of suppliers. */
export function useSuppliers(params: SupplierParams, enabled = true) {
  return useQuery({
    queryKey: supplierKeys.list(params),
    queryFn: ({ signal }) => api<Page<Supplier>>('/api/suppliers', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A supplier's product count and a product's supplier name change together. */
function useInvalidateSuppliers() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: supplierKeys.all }), qc.invalidateQueries({ queryKey: ['products'] })]);
}

export function useSaveSupplier() {
  const invalidate = useInvalidateSuppliers();
  return useMutation({
    mutationFn: ({ supplierId, input }: { supplierId?: string; input: CreateSupplierInput | UpdateSupplierInput }) =>
      supplierId ? api<Supplier>(`/api/suppliers/${id(supplierId)}`, { method: 'PATCH', body: input }) : api<Supplier>('/api/suppliers', { method: 'POST', body: input }),
    onSettled: invalidate,
  });
}

export function useDeleteSupplier() {
  const invalidate = useInvalidateSuppliers();
  return useMutation({
    mutationFn: (supplierId: string) => api<void>(`/api/suppliers/${id(supplierId)}`, { method: 'DELETE' }),
    onSettled: invalidate,
  });
}
