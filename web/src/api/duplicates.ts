import { api } from './client';
import type { DuplicateMatch } from './types';

/** The live duplicate check while typing (it spends the salesperson's duplicate budget). */
export function checkDuplicates(params: { name?: string; keyword?: string; excludeId?: string }, signal: AbortSignal) {
  return api<{ matches: DuplicateMatch[] }>('/api/customers/duplicates', { query: params, signal });
}
