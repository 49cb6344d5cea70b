import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { countPostings } from './term-index.js';
import { termStoreOf } from './term-store.js';

// How the customer list meets a search's terms: the search plan, chosen by the term's postings
// where the term store counts them cheaply, else by a bounded walk of the list.

/**
 * 'postings': the list walks its order index and checks each row against the term's postings
 * (read once); 'rows': against the row's own search text. Unset: the search starts from the
 * customers indexed under the terms.
 */
export type Walk = 'postings' | 'rows';

/**
 * How a one-term search finds its page on SQLite, by how many customers have the term. A rare
 * term drives the search from its customers, few enough to fetch and sort. A common one walks
 * the list's order index and stops at the page's end, checking each row against the term's
 * postings (read once) or against the row's own search text: a page is then found within a few
 * hundred rows, fewer than the postings it would read. The two counts come from timing each
 * way per term (docs/performance-history.md, item 13).
 */
const SQLITE_WALK_FROM = { postings: 3_000, rows: 20_000 };

/**
 * On PostgreSQL, counting a term's postings reads a row of the index table for each (a GIN
 * index answers with row addresses), which costs more than a whole search. So nothing is counted:
 * - A salesperson's search walks their rows (a few thousand at most), faster than by postings.
 * - The admin's walks by rows through at most this many rows, then starts from the postings if
 *   the page is not full; unbounded, PostgreSQL planned the walk as a scan and sort of every
 *   customer. Timings: docs/performance-history.md, item 13.
 */
const POSTGRES_ROWS_BUDGET = 20_000;

/**
 * How a search walks (see CustomerFilter.walk, customers/repo.ts). Only a one-term search walks:
 * its index term alone implies a match, so the walk meets matches at the term's own rate. Several
 * common terms can still be rare together (北京 + 中兴). A term without index terms (one ASCII
 * character) is in most customers: it walks by rows. `owned`: the search is over a salesperson's
 * own customers.
 * Whether the term's postings are counted first is the term store's to say: where counting them
 * costs a row read per posting, a bounded walk by rows replaces the count.
 */
export async function searchWalk(db: Kysely<DB>, terms: readonly string[], owned: boolean): Promise<{ walk?: Walk | undefined; rowsBudget?: number }> {
  if (terms.length === 0) return { walk: 'rows' };
  if (terms.length > 1) return {};
  if (!termStoreOf(db).countsPostings) return owned ? { walk: 'rows' } : { walk: 'rows', rowsBudget: POSTGRES_ROWS_BUDGET };
  const n = await countPostings(db, terms[0]!, SQLITE_WALK_FROM.rows);
  return { walk: n >= SQLITE_WALK_FROM.rows ? 'rows' : n >= SQLITE_WALK_FROM.postings ? 'postings' : undefined };
}
