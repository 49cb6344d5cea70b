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
 * hundred rows, fewer than the postings it would read. Medians at 200k customers
 * (docs/performance.md item 13): 中兴 (1,257 customers) 0.65 ms by postings against 21.9 ms by
 * rows; 科技 (14,861) 4.6 against 1.0 ms; "13" (170,073) 55 against 0.25 ms. The bench at 1M met
 * every search goal with these counts.
 */
const SQLITE_WALK_FROM = { postings: 3_000, rows: 20_000 };

/**
 * On PostgreSQL, counting a term's postings reads a row of the index table for each (a GIN
 * index answers with row addresses): 82–153 ms for 20,000 at 1M. So nothing is counted:
 * - A salesperson's search walks their rows (a few thousand at most): a delegate's 中兴 at 1M
 *   took 36 ms, against 60 ms by postings and 59 ms driven by them.
 * - The admin's walks by rows through at most this many rows, then starts from the postings if
 *   the page is not full: 中兴 / 华为 / 北京 at 1M 21–23 ms (driven by the postings 34–98 ms).
 *   Unbounded, PostgreSQL planned 北京's walk as a scan and sort of every customer (481 ms).
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
