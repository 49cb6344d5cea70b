import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client';
import type { ChangePasswordInput, LoginInput, Me, SetupInput, SetupStatus } from './types';

export const sessionKeys = { me: ['auth', 'me'] as const, setup: ['setup'] as const };

export function useSetupStatus() {
  return useQuery({ queryKey: sessionKeys.setup, queryFn: () => api<SetupStatus>('/api/setup'), staleTime: Infinity });
}

/** The logged-in user, or null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: async () => {
      try {
        return await api<Me>('/api/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api<{ user: Me }>('/api/setup', { method: 'POST', body: input }),
    onSuccess: ({ user }) => {
      qc.setQueryData(sessionKeys.setup, { needed: false });
      qc.setQueryData(sessionKeys.me, user);
    },
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api<{ user: Me }>('/api/auth/login', { method: 'POST', body: input }),
    onSuccess: ({ user }) => {
      // Nothing cached for the previous user may leak into this session.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'setup' });
      qc.setQueryData(sessionKeys.me, user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
    onSuccess: () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'setup' });
      qc.setQueryData(sessionKeys.me, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api<void>('/api/auth/password', { method: 'POST', body: input }),
  });
}
