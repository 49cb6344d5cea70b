import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApiToken, ApiTokenList, CreatedToken, CreateTokenRequest } from '../../../common/schemas/auth.js';
import { api } from './client';

export type ApiTokenItem = z.infer<typeof ApiToken>;
type Created = z.infer<typeof CreatedToken>;

const key = ['auth', 'tokens'] as const;

export function useApiTokens(enabled: boolean) {
  return useQuery({ queryKey: key, queryFn: () => api<z.infer<typeof ApiTokenList>>('/api/auth/tokens'), enabled });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.infer<typeof CreateTokenRequest>) => api<Created>('/api/auth/tokens', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/auth/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
