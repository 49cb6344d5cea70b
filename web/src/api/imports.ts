import { useEffect } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client';
import { customerKeys } from './customers';
import { downloadFile } from './download';
import type { CommitImportInput, Import, ImportOutcome, ImportRowResult, Page, UploadedImport, ValidateImportInput } from './types';

export const importKeys = {
  all: ['imports'] as const,
  list: (p: { page: number; pageSize: number }) => ['imports', 'list', p] as const,
  one: (id: string) => ['imports', 'one', id] as const,
  rows: (id: string, p: { outcome: ImportOutcome; page: number; pageSize: number }) => ['imports', 'rows', id, p] as const,
};

const enc = (v: string) => encodeURIComponent(v);

/** Past imports: all of them for the administrator, one's own for a salesperson. */
export function useImportList(params: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: importKeys.list(params),
    queryFn: ({ signal }) => api<Page<Import>>('/api/imports', { query: params, signal }),
    placeholderData: keepPreviousData,
    // A commit or a validation running moves its counters: keep the history fresh meanwhile.
    refetchInterval: (q) => (q.state.data?.items.some((i) => (i.status === 'committing' && !i.isIncomplete) || i.isValidating) ? 2000 : false),
  });
}

/** One import; polled every 500 ms while its commit runs. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: importKeys.one(id ?? ''),
    queryFn: ({ signal }) => api<Import>(`/api/imports/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'committing' && !q.state.data.isIncomplete ? 500 : false),
  });
}

/**
 * While a validation request runs (mounted only then): the import, polled for its progress. Once
 * the server has started it, the history is reloaded to show it as being checked (and then
 * keeps itself fresh, see useImportList).
 */
export function useValidationProgress(id: string) {
  const qc = useQueryClient();
  const progress = useQuery({
    queryKey: [...importKeys.one(id), 'validation'],
    queryFn: ({ signal }) => api<Import>(`/api/imports/${enc(id)}`, { signal }),
    refetchInterval: 500,
    gcTime: 0,
  });
  const started = progress.data?.isValidating === true;
  useEffect(() => {
    if (started) void qc.invalidateQueries({ queryKey: [...importKeys.all, 'list'] });
  }, [started, qc]);
  return progress;
}

export function useImportRows(id: string | null, params: { outcome: ImportOutcome; page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: importKeys.rows(id ?? '', params),
    queryFn: ({ signal }) => api<Page<ImportRowResult>>(`/api/imports/${enc(id ?? '')}/rows`, { query: params, signal }),
    enabled: !!id && enabled,
    placeholderData: keepPreviousData,
  });
}

const networkMessage = () =>
  document.documentElement.lang === 'en-US' ? 'Cannot reach the server; check the network' : '无法连接服务器，请检查网络';

/** Uploads a spreadsheet as multipart (the browser sets the boundary; the header marks it as ours). */
async function uploadFile(file: File): Promise<UploadedImport> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/imports', {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'X-Kehu-Request': '1', Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' },
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', message: networkMessage() });
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    throw new ApiError({ status: res.status, code: err?.code ?? 'http_error', message: err?.message ?? `HTTP ${res.status}`, details: err?.details });
  }
  return data as UploadedImport;
}

export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadFile,
    onSuccess: () => qc.invalidateQueries({ queryKey: importKeys.all }),
  });
}

export function useValidateImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ValidateImportInput }) => api<Import>(`/api/imports/${enc(id)}/validate`, { method: 'POST', body }),
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.one(imp.id), imp);
      return qc.invalidateQueries({ queryKey: importKeys.all });
    },
  });
}

/** Starts (or resumes) the commit; it runs in the background on the server. */
export function useCommitImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CommitImportInput }) => api<Import>(`/api/imports/${enc(id)}/commit`, { method: 'POST', body }),
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.one(imp.id), imp);
      return qc.invalidateQueries({ queryKey: importKeys.all });
    },
  });
}

export function useUndoImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Import>(`/api/imports/${enc(id)}/undo`, { method: 'POST' }),
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.one(imp.id), imp);
      return Promise.all([
        qc.invalidateQueries({ queryKey: importKeys.all }),
        qc.invalidateQueries({ queryKey: customerKeys.all }),
        qc.invalidateQueries({ queryKey: customerKeys.statuses }),
      ]);
    },
  });
}

/** Customers were created: the customer list and the status counts are stale. */
export function useInvalidateAfterImport() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: importKeys.all }),
      qc.invalidateQueries({ queryKey: customerKeys.all }),
      qc.invalidateQueries({ queryKey: customerKeys.statuses }),
    ]);
}

/** The rejected and duplicate rows with their reasons, as a file. Resolves to the file name. */
export function downloadImportReport(id: string, format: 'csv' | 'xlsx'): Promise<string> {
  return downloadFile(`/api/imports/${enc(id)}/report`, { format }, `import-report-${id}.${format}`);
}
