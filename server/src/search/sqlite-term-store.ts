import { sql, type Expression, type SqlBool } from 'kysely';
import { toJson } from '../db/bulk.js';
import type { EntryWriter } from './index-entry.js';
import type { TermStore } from './term-store.js';

// SQLite's search index: a contentless FTS5 table, customer_search, whose rowid is the customer
// id and whose document is the customer's terms, each written as one token (token).

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

/**
 * token of the term `text[start, end)` + `tail` (-1: none), after a space unless it is the
 * first (TermStore.writeTerm; the hash lanes are not needed). (No closure here: a function made
 * per call is also named per call when run through tsx, which cost more than the rest.)
 */
function writeToken(out: EntryWriter, _laneA: number, _laneB: number, text: string, start: number, end: number, tail: number) {
  out.room(2 + 6 * (end - start + 1));
  if (out.length > 0) out.byte(0x20);
  out.byte(0x74); // t
  for (let i = start; i < end; i++) {
    const p = text.codePointAt(i)!;
    if (i > start) out.byte(0x78); // x
    if (p > 0xffff) i++;
    out.base32(p);
  }
  if (tail !== -1) {
    out.byte(0x78);
    out.base32(tail);
  }
}

function termOfToken(tok: string): string {
  return tok
    .slice(1)
    .split('x')
    .map((p) => String.fromCodePoint(parseInt(p, 32)))
    .join('');
}

export const sqliteTermStore: TermStore = {
  countsPostings: true,
  key: token,
  entry: ftsDocument,
  writeTerm: writeToken,

  customersWithTerms: (terms) => sql`select rowid as customer_id from customer_search where customer_search match ${matchAll(terms)}`,

  hasTerms: (terms): Expression<SqlBool> =>
    // The postings are read once into a temporary index that each row is looked up in. FTS5
    // answers `MATCH … AND rowid = ?` slowly: 2,500 such probes took a second at 200k
    // customers. The unary + keeps SQLite from driving the query from the postings instead.
    sql<SqlBool>`+customers.id in (select rowid from customer_search where customer_search match ${matchAll(terms)})`,

  indexJoin: (keyColumn) => ({
    from: sql`customer_search`.as('customer_search'),
    on: sql<SqlBool>`customer_search match ${sql.ref(keyColumn)}`,
    customerId: sql.ref('customer_search.rowid'),
  }),

  async replaceEntry(db, customerId, terms) {
    // A contentless FTS5 table does not enforce a unique rowid: the old document goes first.
    await sql`delete from customer_search where rowid = ${customerId}`.execute(db);
    await sql`insert into customer_search (rowid, terms) values (${customerId}, ${ftsDocument(terms)})`.execute(db);
  },

  async insertEntries(db, entries) {
    const rows = toJson(entries.map((e) => [e.id, e.entry]));
    await sql`insert into customer_search (rowid, terms) select value ->> 0, value ->> 1 from json_each(${rows})`.execute(db);
  },

  // No pending list: FTS5 merges its segments by itself.
  async allowLongPendingList() {},
  async cleanPendingTerms() {},

  /** FTS5 keeps no documents (contentless), so each token of the vocabulary is looked up; test databases are small. */
  async allIndexedTerms(db) {
    const out = new Map<number, string[]>();
    await sql`create virtual table if not exists temp.customer_search_vocabulary using fts5vocab(main, customer_search, instance)`.execute(db);
    const { rows } = await sql<{ doc: number; term: string }>`select doc, term from temp.customer_search_vocabulary`.execute(db);
    for (const r of rows) {
      const terms = out.get(Number(r.doc));
      if (terms) terms.push(termOfToken(r.term));
      else out.set(Number(r.doc), [termOfToken(r.term)]);
    }
    for (const terms of out.values()) terms.sort();
    return out;
  },

  asIndexed: (terms) => [...terms],
};
