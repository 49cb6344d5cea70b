import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CreateProductInput, Page, Product, ProductParams, UpdateProductInput } from './types';

const id = (v: string) => encodeURIComponent(v);

export const productKeys = {
  all: ['products'] as const,
  list: (p: ProductParams) => ['products', 'list', p] as const,
};

/** 商品注册: one page of products (pickers ask for `active: 'true'`). */
export function useProducts(params: ProductParams, enabled = true) {
  return useQuery({
    queryKey: productKeys.list(params),
    queryFn: ({ signal }) => api<Page<Product>>('/api/products', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A product's supplier name and a supplier's product count change together. */
function useInvalidateProducts() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['suppliers'] }), qc.invalidateQueries({ queryKey: productKeys.all })]);
}

export function useSaveProduct() {
  const invalidate = useInvalidateProducts();
  return useMutation({
    mutationFn: ({ productId, input }: { productId?: string; input: CreateProductInput | UpdateProductInput }) =>
      productId ? api<Product>(`/api/products/${id(productId)}`, { method: 'PATCH', body: input }) : api<Product>('/api/products', { method: 'POST', body: input }),
    onSettled: invalidate,
  });
}

export function useDeleteProduct() {
  const invalidate = useInvalidateProducts();
  return useMutation({
    mutationFn: (productId: string) => api<void>(`/api/products/${id(productId)}`, { method: 'DELETE' }),
    onSettled: invalidate,
  });
}
