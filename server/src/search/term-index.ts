import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import { dialectOf, isPostgres } from '../db/dialect.js';
import { toJson } from '../modules/imports/bulk.js';
import { PART_SEPARATOR } from './search-text.js';

// The search index: every customer with the terms it is found by (search-text.ts decides which).
// It is kept as posting lists (docs/decisions/0008): on SQLite a contentless FTS5 table whose
// rowid is the customer id, on PostgreSQL one bigint[] of term hashes per customer under a GIN
// index (termHash, docs/decisions/0012). Both add a batch of customers' terms to each term's
// list in bulk, where the B-tree of (gram, customer) rows it replaces placed each of ~63 entries
// per customer on its own (an import of 100,000 customers spent 15 s on SQLite and 26 s on
// PostgreSQL doing that). Every statement that reads or writes the index is in this file.

/**
 * The terms a customer with these n-grams is indexed under: the grams, and each non-ASCII
 * character alone (for a one-character search). Every character of a part starts one of its
 * bigrams, so the characters come from the grams. A one-character search for a digit or a
 * Latin letter matches most customers; it walks the list instead (see lookupTerms). The import
 * builds the same terms without this function (index-entry.ts); its test compares the two.
 */
export function indexTerms(grams: readonly string[]): string[] {
  const terms = new Set(grams);
  for (const gram of grams) {
    if (gram.charCodeAt(0) <= 0x7f) continue;
    // The first character: one code unit, or two for a character beyond U+FFFF.
    terms.add(gram.codePointAt(0)! > 0xffff ? gram.slice(0, 2) : gram[0]!);
  }
  return [...terms];
}

/**
 * The terms a search for `term` (normalised) looks up, given its n-grams (termGrams): those
 * grams, or for one non-ASCII character that character, or none for one ASCII character (the
 * LIKE on search_text alone decides, walking the list).
 */
export function lookupTerms(term: string, grams: string[]): string[] {
  if (grams.length > 0) return grams;
  return [...term].length === 1 && term.charCodeAt(0) > 0x7f ? [term] : [];
}

/**
 * PostgreSQL's form of a term: a 53-bit hash of its UTF-16 code units (two 32-bit lanes, each
 * finished with MurmurHash3's mixer). GIN compares and copies a bigint more cheaply than a
 * text: an import's index statement took 11.4–12.3 s of the database's time with hashes against
 * 13.9–15.4 s with text, in two alternated pairs (docs/performance.md, item 8).
 * A search whose term is itself one index term is not re-checked against the text, so two
 * terms sharing a hash would find each other's customers: among a million distinct terms that
 * happens with a chance of about 1 in 18,000, and then for those two terms alone. 53 bits keep
 * the value exact in a JavaScript number. The stored index depends on it: never change it
 * without a migration that rebuilds the index.
 */
export function termHash(term: string): number {
  const [a, b] = hashLanes(term);
  return (b >>> 11) * 0x1_0000_0000 + a;
}

/**
 * termHash's two 32-bit lanes, unsigned: FNV-1a, and a multiply–shift lane with another basis,
 * each finished by the mixer. Also the import's Bloom filter's two hashes (keyword-filter.ts).
 */
export function hashLanes(text: string): [number, number] {
  hashRange(text, 0, text.length, -1);
  return [lanes[0]!, lanes[1]!];
}

/** The lanes of the last hashRange, [a, b]: one array for every term, not one per term. */
export const lanes = new Uint32Array(2);

/**
 * hashLanes of the code units `text[start, end)` followed by the unit `tail` (-1: none), into
 * `lanes`, without making that string (index-entry.ts hashes terms where they lie in a part).
 */
export function hashRange(text: string, start: number, end: number, tail: number): void {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : tail;
    if (c === -1) break;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  const length = end - start + (tail === -1 ? 0 : 1);
  lanes[0] = mix32(a ^ length);
  lanes[1] = mix32(b ^ Math.imul(length, 0x9e3779b1));
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const hashes = (terms: readonly string[]) => terms.map(termHash);

/**
 * FTS5's `ascii` tokenizer splits on everything but ASCII letters and digits, so a term becomes
 * one token: "t", then the code points of its characters in base 32 (0–9, a–v) joined by "x".
 * "x" is no base-32 digit, so distinct terms never share a token.
 */
export function token(term: string): string {
  let out = 't';
  for (let i = 0; i < term.length; i++) {
    const point = term.codePointAt(i)!;
    if (point > 0xffff) i++;
    if (out.length > 1) out += 'x';
    out += base32(point);
  }
  return out;
}

// An import writes ~70 tokens per customer, mostly of the same few thousand characters: the
// base-32 text of each character below U+10000 is made once (Number#toString was the larger
// part of an import's index entries).
// Allocated at full size: an empty array written at index 0x4e2d would turn into a slow dictionary.
const base32Of: (string | undefined)[] = new Array<string | undefined>(0x10000);
function base32(point: number): string {
  if (point > 0xffff) return point.toString(32);
  return (base32Of[point] ??= point.toString(32));
}

/**
 * The FTS5 document of a customer indexed under these terms (also written by the bench's
 * generator). The same text is the query for the documents that hold every one of the terms:
 * FTS5 joins bare words with AND.
 */
export function ftsDocument(terms: readonly string[]): string {
  return terms.map(token).join(' ');
}
const matchAll = ftsDocument;

// --- reads ----------------------------------------------------------------------------------

/** Ids (column `customer_id`) of the customers indexed under every one of `terms` (non-empty). */
export function customersWithTerms(db: Kysely<DB>, terms: readonly string[]): RawBuilder<{ customer_id: number }> {
  return isPostgres(db)
    ? sql`select customer_id from customer_search where terms @> ${hashes(terms)}::bigint[]`
    : sql`select rowid as customer_id from customer_search where customer_search match ${matchAll(terms)}`;
}

/**
 * Whether the customer in the row `customers` is indexed under every one of `terms`, for a
 * query that walks the customers in list order and stops at the page's end.
 */
export function hasTerms(db: Kysely<DB>, terms: readonly string[]): Expression<SqlBool> {
  return isPostgres(db)
    ? // Planned as a semi-join, from the postings or from the walked rows. (A scalar subquery
      // per row, reading the customer's terms by primary key, took 17–37 ms where this takes
      // 3–17 ms at 200k customers.)
      sql<SqlBool>`customers.id in (select customer_id from customer_search where terms @> ${hashes(terms)}::bigint[])`
    : // The postings are read once into a temporary index that each row is looked up in. FTS5
      // answers `MATCH … AND rowid = ?` slowly: 2,500 such probes took a second at 200k
      // customers. The unary + keeps SQLite from driving the query from the postings instead.
      sql<SqlBool>`+customers.id in (select rowid from customer_search where customer_search match ${matchAll(terms)})`;
}

/** How many customers are indexed under `term`, counted no further than `cap` postings. */
export async function countPostings(db: Kysely<DB>, term: string, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${customersWithTerms(db, [term])} limit ${cap}) as capped`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** A term as the index holds it, as text, for a table of terms to join with the index (indexJoin). */
export function termKey(db: Kysely<DB>, term: string): string {
  return isPostgres(db) ? String(termHash(term)) : token(term);
}

/**
 * The index as a FROM item for a join with a table of terms (column `keyColumn`, values from
 * termKey): each term's customers, read from its posting list once per term. (FTS5 matches
 * against the table's own name, even under an alias, so the item keeps that name.)
 */
export function indexJoin(db: Kysely<DB>, keyColumn: string) {
  const from = sql`customer_search`.as('customer_search');
  return isPostgres(db)
    ? { from, on: sql<SqlBool>`customer_search.terms @> array[${sql.ref(keyColumn)}::bigint]`, customerId: sql.ref('customer_search.customer_id') }
    : { from, on: sql<SqlBool>`customer_search match ${sql.ref(keyColumn)}`, customerId: sql.ref('customer_search.rowid') };
}

// --- writes ---------------------------------------------------------------------------------

/** Indexes a customer (new, or with new terms) under the terms of `grams`, replacing what it had. */
export async function indexCustomer(db: Kysely<DB>, customerId: number, grams: readonly string[]): Promise<void> {
  const terms = indexTerms(grams);
  if (isPostgres(db)) {
    await sql`insert into customer_search (customer_id, terms) values (${customerId}, ${hashes(terms)}::bigint[])
      on conflict (customer_id) do update set terms = excluded.terms`.execute(db);
    return;
  }
  // A contentless FTS5 table does not enforce a unique rowid: the old document goes first.
  await sql`delete from customer_search where rowid = ${customerId}`.execute(db);
  await sql`insert into customer_search (rowid, terms) values (${customerId}, ${ftsDocument(terms)})`.execute(db);
}

/** Indexes customers that have no entry yet, in one statement. */
export async function indexNewCustomers(db: Kysely<DB>, customers: readonly { id: number; grams: readonly string[] }[]): Promise<void> {
  const dialect = await dialectOf(db);
  await insertIndexEntries(db, customers.map((c) => ({ id: c.id, entry: indexEntry(dialect, c.grams) })));
}

/**
 * Joins a customer's terms into one text for PostgreSQL to split (string_to_array). No term holds
 * it: search-text.ts separates a customer's parts with this character and strips it from them.
 */
export const TERM_SEPARATOR = PART_SEPARATOR;

/**
 * A customer's entry as insertIndexEntries takes it: its FTS5 document (SQLite), or its terms'
 * hashes joined by TERM_SEPARATOR (PostgreSQL). An import writes the same text without the grams
 * (index-entry.ts), on another thread, so that one string per customer travels back instead of
 * ~70 (preparer.ts).
 */
export function indexEntry(dialect: 'sqlite' | 'postgres', grams: readonly string[]): string {
  const terms = indexTerms(grams);
  return dialect === 'postgres' ? postgresEntry(terms) : ftsDocument(terms);
}

/** The terms' hashes joined by TERM_SEPARATOR: PostgreSQL's entry (also written by the bench's generator). */
export function postgresEntry(terms: readonly string[]): string {
  let out = '';
  for (const term of terms) out += (out ? TERM_SEPARATOR : '') + termHash(term);
  return out;
}

/** Indexes customers that have no entry yet from their entries (indexEntry), in one statement. */
export async function insertIndexEntries(db: Kysely<DB>, entries: readonly { id: number; entry: string }[]): Promise<void> {
  if (entries.length === 0) return;
  if (isPostgres(db)) {
    // Two arrays, each term list split by the database: a fifth less of its work than a JSON
    // array of arrays of terms (jsonb parsing and a subquery per customer) in a probe of
    // 60,000 customers.
    await sql`insert into customer_search (customer_id, terms)
      select id, string_to_array(entry, ${TERM_SEPARATOR})::bigint[] from unnest(${entries.map((e) => e.id)}::bigint[], ${entries.map((e) => e.entry)}::text[]) as e (id, entry)`.execute(db);
    return;
  }
  const rows = toJson(entries.map((e) => [e.id, e.entry]));
  await sql`insert into customer_search (rowid, terms) select value ->> 0, value ->> 1 from json_each(${rows})`.execute(db);
}

/**
 * PostgreSQL: lets this transaction's index entries wait in the GIN pending list up to 4 MB
 * (the app's connections keep 512 kB, for searches read the whole list). Flushing the list
 * moves each term's new entries into its posting list; at 512 kB an import flushed every
 * batch or two and touched every common term's pages each time: 32 s against 12 s for 110
 * batches of 1,000 customers in a probe. The import empties the list at its end (cleanPendingTerms).
 */
export async function allowLongPendingList(db: Kysely<DB>): Promise<void> {
  if (isPostgres(db)) await sql`set local gin_pending_list_limit = '4MB'`.execute(db);
}

/** PostgreSQL: moves the pending list's entries into the index proper, so searches stop reading them one by one. */
export async function cleanPendingTerms(db: Kysely<DB>): Promise<void> {
  if (isPostgres(db)) await sql`select gin_clean_pending_list('customer_search_terms'::regclass)`.execute(db);
}

// --- checks ---------------------------------------------------------------------------------

/**
 * The indexed terms of every customer, for the consistency check of the tests, in the form the
 * index keeps them (asIndexed): the terms on SQLite, their hashes as text on PostgreSQL. FTS5
 * keeps no documents (contentless), so on SQLite each token of the vocabulary is looked up;
 * test databases are small.
 */
export async function allIndexedTerms(db: Kysely<DB>): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (isPostgres(db)) {
    const { rows } = await sql<{ customer_id: string | number; terms: string[] }>`select customer_id, terms::text[] as terms from customer_search`.execute(db);
    for (const r of rows) out.set(Number(r.customer_id), [...r.terms].sort());
    return out;
  }
  await sql`create virtual table if not exists temp.customer_search_vocabulary using fts5vocab(main, customer_search, instance)`.execute(db);
  const { rows } = await sql<{ doc: number; term: string }>`select doc, term from temp.customer_search_vocabulary`.execute(db);
  for (const r of rows) {
    const terms = out.get(Number(r.doc));
    if (terms) terms.push(termOfToken(r.term));
    else out.set(Number(r.doc), [termOfToken(r.term)]);
  }
  for (const terms of out.values()) terms.sort();
  return out;
}

/** Terms as allIndexedTerms reports them. */
export function asIndexed(db: Kysely<DB>, terms: readonly string[]): string[] {
  return isPostgres(db) ? terms.map((t) => String(termHash(t))) : [...terms];
}

function termOfToken(tok: string): string {
  return tok
    .slice(1)
    .split('x')
    .map((p) => String.fromCodePoint(parseInt(p, 32)))
    .join('');
}
