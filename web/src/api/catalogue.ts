import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CreateProductInput, CreateSupplierInput, Page, Product, ProductParams, Supplier, SupplierParams, UpdateProductInput, UpdateSupplierInput } from './types';

const id = (v: string) => encodeURIComponent(v);

export const catalogueKeys = {
  suppliers: ['suppliers'] as const,
  supplierList: (p: SupplierParams) => ['suppliers', 'list', p] as const,
  products: ['products'] as const,
  productList: (p: ProductParams) => ['products', 'list', p] as const,
};

/** 供应商管理: one page of suppliers. */
export function useSuppliers(params: SupplierParams, enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.supplierList(params),
    queryFn: ({ signal }) => api<Page<Supplier>>('/api/suppliers', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** 商品注册: one page of products (pickers ask for `active: 'true'`). */
export function useProducts(params: ProductParams, enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.productList(params),
    queryFn: ({ signal }) => api<Page<Product>>('/api/products', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A supplier's product count and a product's supplier name change together. */
function useInvalidateCatalogue() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: catalogueKeys.suppliers }), qc.invalidateQueries({ queryKey: catalogueKeys.products })]);
}

export function useSaveSupplier() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: ({ supplierId, input }: { supplierId?: string; input: CreateSupplierInput | UpdateSupplierInput }) =>
      supplierId ? api<Supplier>(`/api/suppliers/${id(supplierId)}`, { method: 'PATCH', body: input }) : api<Supplier>('/api/suppliers', { method: 'POST', body: input }),
    onSettled: invalidate,
  });
}

export function useDeleteSupplier() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: (supplierId: string) => api<void>(`/api/suppliers/${id(supplierId)}`, { method: 'DELETE' }),
    onSettled: invalidate,
  });
}

export function useSaveProduct() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: ({ productId, input }: { productId?: string; input: CreateProductInput | UpdateProductInput }) =>
      productId ? api<Product>(`/api/products/${id(productId)}`, { method: 'PATCH', body: input }) : api<Product>('/api/products', { method: 'POST', body: input }),
    onSettled: invalidate,
  });
}

export function useDeleteProduct() {
  const invalidate = useInvalidateCatalogue();
  return useMutation({
    mutationFn: (productId: string) => api<void>(`/api/products/${id(productId)}`, { method: 'DELETE' }),
    onSettled: invalidate,
  });
}
