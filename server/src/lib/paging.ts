import { z } from 'zod';
import { fieldError } from './app-error.js';
import { hasLoneSurrogate } from './well-formed.js';

// Shared list paging: page numbers for the UI, keyset cursors for deep pages (the list envelope
// of the HTTP contract).

export const DEFAULT_PAGE_SIZE = 50;
/** `total` is exact up to this many rows; beyond, lists may report an estimate. */
export const EXACT_TOTAL_LIMIT = 10_000;

export interface PageRequest {
  page?: number | undefined;
  pageSize?: number | undefined;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
  nextCursor: string | null;
}

/**
 * A list's total, given `read` rows read from its first row on (at most `limit`): a read that
 * came back short holds every row, so they are not counted again. Otherwise `count()`.
 */
export function totalAfterReading(read: number, limit: number, fromFirstRow: boolean, count: () => Promise<number>): Promise<number> {
  return fromFirstRow && read < limit ? Promise.resolve(read) : count();
}

/** Cursor = the sort key values of the last row, opaque to clients. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

// A cursor comes back from the client, so it is input like any other: each value it holds must
// be one a list could have handed out, or the database would be asked to compare a bigint with
// 1e400 or a text with a NUL (a 500 on PostgreSQL).
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const cursorValue = {
  /** A row id: a positive integer JavaScript holds exactly and PostgreSQL's bigint stores. */
  id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** A sort key stored as text (a name, a date, an instant). */
  text: z
    .string()
    .max(400)
    .refine((s) => !s.includes('\u0000') && !hasLoneSurrogate(s)),
};

/** The values of a cursor of the given shape, or a 422 on the cursor. */
export function decodeCursor<T extends z.ZodTuple>(cursor: string, shape: T): z.infer<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(Buffer.from(cursor, 'base64url')));
  } catch {
    parsed = undefined;
  }
  const values = shape.safeParse(parsed);
  if (!values.success) throw fieldError('cursor', { zh: '无效的游标', en: 'invalid cursor' });
  return values.data;
}
