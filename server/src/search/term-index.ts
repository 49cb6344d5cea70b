import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import { termStoreFor, termStoreOf, type Dialect, type IndexJoin } from './term-store.js';

// The search index: every customer with the terms it is found by (search-text.ts decides which).
// It is kept as posting lists (docs/decisions/0008): on SQLite a contentless FTS5 table whose
// rowid is the customer id, on PostgreSQL one bigint[] of term hashes per customer under a GIN
// index (termHash, docs/decisions/0012). Both add a batch of customers' terms to each term's
// list in bulk, where the B-tree of (gram, customer) rows it replaces placed each of ~63 entries
// per customer on its own. Every statement that reads or writes the index is in a term store
// (term-store.ts), one for each database; this file decides what is indexed and looked up.

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

// --- reads ----------------------------------------------------------------------------------

/** Ids (column `customer_id`) of the customers indexed under every one of `terms` (non-empty). */
export function customersWithTerms(db: Kysely<DB>, terms: readonly string[]): RawBuilder<{ customer_id: number }> {
  return termStoreOf(db).customersWithTerms(terms);
}

/**
 * Whether the customer in the row `customers` is indexed under every one of `terms`, for a
 * query that walks the customers in list order and stops at the page's end.
 */
export function hasTerms(db: Kysely<DB>, terms: readonly string[]): Expression<SqlBool> {
  return termStoreOf(db).hasTerms(terms);
}

/** How many customers are indexed under `term`, counted no further than `cap` postings. */
export async function countPostings(db: Kysely<DB>, term: string, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${customersWithTerms(db, [term])} limit ${cap}) as capped`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** A term as the index holds it, as text, for a table of terms to join with the index (indexJoin). */
export function termKey(db: Kysely<DB>, term: string): string {
  return termStoreOf(db).key(term);
}

/**
 * The index as a FROM item for a join with a table of terms (column `keyColumn`, values from
 * termKey): each term's customers, read from its posting list once per term. (FTS5 matches
 * against the table's own name, even under an alias, so the item keeps that name.)
 */
export function indexJoin(db: Kysely<DB>, keyColumn: string): IndexJoin {
  return termStoreOf(db).indexJoin(keyColumn);
}

// --- writes ---------------------------------------------------------------------------------

/** Indexes a customer (new, or with new terms) under the terms of `grams`, replacing what it had. */
export async function indexCustomer(db: Kysely<DB>, customerId: number, grams: readonly string[]): Promise<void> {
  await termStoreOf(db).replaceEntry(db, customerId, indexTerms(grams));
}

/** Indexes customers that have no entry yet, in one statement. */
export async function indexNewCustomers(db: Kysely<DB>, customers: readonly { id: number; grams: readonly string[] }[]): Promise<void> {
  const store = termStoreOf(db);
  await insertIndexEntries(db, customers.map((c) => ({ id: c.id, entry: store.entry(indexTerms(c.grams)) })));
}

/**
 * A customer's entry as insertIndexEntries takes it: its FTS5 document (SQLite), or its terms'
 * hashes joined by TERM_SEPARATOR (PostgreSQL). An import writes the same text without the grams
 * (index-entry.ts), on another thread, so that one string per customer travels back instead of
 * ~70 (imports/preparer.ts).
 */
export function indexEntry(dialect: Dialect, grams: readonly string[]): string {
  return termStoreFor(dialect).entry(indexTerms(grams));
}

/** Indexes customers that have no entry yet from their entries (indexEntry), in one statement. */
export async function insertIndexEntries(db: Kysely<DB>, entries: readonly { id: number; entry: string }[]): Promise<void> {
  if (entries.length === 0) return;
  await termStoreOf(db).insertEntries(db, entries);
}

/**
 * Lets this transaction's index entries wait longer before they are merged into the index (on
 * PostgreSQL, in the GIN pending list). The import empties the list at its end (cleanPendingTerms).
 */
export async function allowLongPendingList(db: Kysely<DB>): Promise<void> {
  await termStoreOf(db).allowLongPendingList(db);
}

/** Moves the pending list's entries into the index proper, so searches stop reading them one by one. */
export async function cleanPendingTerms(db: Kysely<DB>): Promise<void> {
  await termStoreOf(db).cleanPendingTerms(db);
}

// --- checks ---------------------------------------------------------------------------------

/**
 * The indexed terms of every customer, for the consistency check of the tests, in the form the
 * index keeps them (asIndexed): the terms on SQLite, their hashes as text on PostgreSQL.
 */
export async function allIndexedTerms(db: Kysely<DB>): Promise<Map<number, string[]>> {
  return termStoreOf(db).allIndexedTerms(db);
}

/** Terms as allIndexedTerms reports them. */
export function asIndexed(db: Kysely<DB>, terms: readonly string[]): string[] {
  return termStoreOf(db).asIndexed(terms);
}
