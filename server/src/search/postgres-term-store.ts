import { sql, type Expression, type SqlBool } from 'kysely';
import type { EntryWriter } from './index-entry.js';
import { PART_SEPARATOR } from './search-text.js';
import { termHash } from './term-hash.js';
import type { TermStore } from './term-store.js';

// PostgreSQL's search index: customer_search, one bigint[] of term hashes per customer
// (termHash, docs/decisions/0012) under the GIN index customer_search_terms.

const hashes = (terms: readonly string[]) => terms.map(termHash);

/**
 * Joins a customer's terms into one text for PostgreSQL to split (string_to_array). No term holds
 * it: search-text.ts separates a customer's parts with this character and strips it from them.
 */
export const TERM_SEPARATOR = PART_SEPARATOR;

const SEPARATOR = TERM_SEPARATOR.charCodeAt(0);

/** The terms' hashes joined by TERM_SEPARATOR: PostgreSQL's entry (also written by the bench's generator). */
export function postgresEntry(terms: readonly string[]): string {
  let out = '';
  for (const term of terms) out += (out ? TERM_SEPARATOR : '') + termHash(term);
  return out;
}

/**
 * termHash of the term with these lanes, in decimal, as String(termHash(term)) writes it, after
 * TERM_SEPARATOR unless it is the first (TermStore.writeTerm; the term's text is not needed).
 */
function writeHash(out: EntryWriter, laneA: number, laneB: number) {
  out.room(20);
  if (out.length > 0) out.byte(SEPARATOR);
  const value = (laneB >>> 11) * 0x1_0000_0000 + laneA;
  // value < 2^53, so value - high * 1e8 is exact; the division's rounding is put right after.
  let high = Math.floor(value / 1e8);
  let low = value - high * 1e8;
  if (low < 0) {
    high -= 1;
    low += 1e8;
  } else if (low >= 1e8) {
    high += 1;
    low -= 1e8;
  }
  if (high > 0) {
    out.digits(high, 1);
    out.digits(low, 8);
  } else out.digits(low, 1);
}

export const postgresTermStore: TermStore = {
  countsPostings: false,
  key: (term) => String(termHash(term)),
  entry: postgresEntry,
  writeTerm: writeHash,

  customersWithTerms: (terms) => sql`select customer_id from customer_search where terms @> ${hashes(terms)}::bigint[]`,

  hasTerms: (terms): Expression<SqlBool> =>
    // Planned as a semi-join, from the postings or from the walked rows: a scalar subquery per
    // row would read each customer's whole terms row by primary key (docs/decisions/0008).
    sql<SqlBool>`customers.id in (select customer_id from customer_search where terms @> ${hashes(terms)}::bigint[])`,

  indexJoin: (keyColumn) => ({
    from: sql`customer_search`.as('customer_search'),
    on: sql<SqlBool>`customer_search.terms @> array[${sql.ref(keyColumn)}::bigint]`,
    customerId: sql.ref('customer_search.customer_id'),
  }),

  async replaceEntry(db, customerId, terms) {
    await sql`insert into customer_search (customer_id, terms) values (${customerId}, ${hashes(terms)}::bigint[])
      on conflict (customer_id) do update set terms = excluded.terms`.execute(db);
  },

  async insertEntries(db, entries) {
    // Two arrays, each term list split by the database: a fifth less of its work than a JSON
    // array of arrays of terms (jsonb parsing and a subquery per customer) in a probe of
    // 60,000 customers.
    await sql`insert into customer_search (customer_id, terms)
      select id, string_to_array(entry, ${TERM_SEPARATOR})::bigint[] from unnest(${entries.map((e) => e.id)}::bigint[], ${entries.map((e) => e.entry)}::text[]) as e (id, entry)`.execute(db);
  },

/**
   * Lets this transaction's index entries wait in the GIN pending list up to 4 MB
   * (the app's connections keep 512 kB, for searches read the whole list). Flushing the list
   * moves each term's new entries into its posting list; at 512 kB an import flushed every
   * batch or two and touched every common term's pages each time (figures:
   * docs/performance-history.md). The import empties the list at its end (cleanPendingTerms).
   */
  async allowLongPendingList(db) {
    await sql`set local gin_pending_list_limit = '4MB'`.execute(db);
  },

  async cleanPendingTerms(db) {
    await sql`select gin_clean_pending_list('customer_search_terms'::regclass)`.execute(db);
  },

  async allIndexedTerms(db) {
    const out = new Map<number, string[]>();
    const { rows } = await sql<{ customer_id: string | number; terms: string[] }>`select customer_id, terms::text[] as terms from customer_search`.execute(db);
    for (const r of rows) out.set(Number(r.customer_id), [...r.terms].sort());
    return out;
  },

  asIndexed: (terms) => terms.map((t) => String(termHash(t))),
};
