// Shared list paging: page numbers for the UI, keyset cursors for deep pages (API.md).

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

export function decodeCursor(cursor: string): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
