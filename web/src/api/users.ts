import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CreateUserInput, Page, UpdateUserInput, User, UserListParams, UserSummary } from './types';

export const userKeys = { all: ['users'] as const, list: (p: UserListParams) => ['users', 'list', p] as const };

/** The admin's full list (server-side paging, sorting, filters). */
export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => api<Page<User>>('/api/users', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Active colleagues for pickers (any role may ask). */
export function useUserOptions() {
  return useQuery({
    queryKey: userKeys.list({ pageSize: 500, sort: 'displayName' }),
    queryFn: ({ signal }) => api<Page<UserSummary>>('/api/users', { query: { pageSize: 500, sort: 'displayName' }, signal }),
    staleTime: 60_000,
  });
}

function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: userKeys.all });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api<User>('/api/users', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateUserInput & { id: string }) => api<User>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    // Refetch also after a failure (stale version, last admin) so that the list shows the truth.
    onSettled: invalidate,
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api<void>(`/api/users/${encodeURIComponent(id)}/password`, { method: 'POST', body: { password } }),
  });
}
