import { sql, type Kysely } from 'kysely';
import { dialectOf, isPostgres } from '../../dialect.js';

// The search functions that migrations 0900, 1500 and 2200 run, frozen as they were when those
// migrations landed: copied verbatim from server/src/modules/customers/search-text.ts,
// term-index.ts and imports/bulk.ts (toJson) at commit 5780a99, with the database typed
// Kysely<any> instead of the live schema. Never edit this file: a landed migration must keep
// doing what it did whatever the live search code becomes (docs/decisions/0019).

// --- search-text.ts -------------------------------------------------------------------------

/** Separates the parts of search_text so that no term matches across two of them. */
export const PART_SEPARATOR = '\u0001';
/** Follows every character as the second half of its last bigram, so one character = a prefix. */
export const END_MARK = '\u0002';

/** Runs of one script that also get longer grams: 4-digit and 3-letter windows. */
const LONG_RUNS = [
  { isRunChar: (code: number) => code >= 0x30 && code <= 0x39, size: 4 }, // 0-9
  { isRunChar: (code: number) => code >= 0x61 && code <= 0x7a, size: 3 }, // a-z
] as const;

/**
 * Calls `visit` for every maximal run of at least `size` characters of one kind: the digit runs
 * left to right, then the Latin ones.
 */
function forEachLongRun(text: string, visit: (start: number, end: number, size: number) => void) {
  for (const { isRunChar, size } of LONG_RUNS) {
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && isRunChar(text.charCodeAt(i))) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        if (i - start >= size) visit(start, i, size);
        start = -1;
      }
    }
  }
}

/** Adds every window of the part's long runs, in the order of longGramsOf. */
function addLongGrams(part: string, grams: Set<string>) {
  forEachLongRun(part, (start, end, size) => {
    for (let i = start; i + size <= end; i++) grams.add(part.slice(i, i + size));
  });
}

/** Every 4-digit and 3-letter window of the parts (both are ASCII, so string indices are safe). */
export function longGramsOf(parts: string[]): string[] {
  const grams = new Set<string>();
  for (const part of parts) addLongGrams(part, grams);
  return [...grams];
}

/**
 * Distinct bigrams of every part, each character also paired with the end mark, plus the long
 * windows of digit and Latin runs.
 */
export function gramsOf(parts: string[]): string[] {
  const grams = new Set<string>();
  for (const part of parts) {
    const chars = [...part];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i] + (chars[i + 1] ?? END_MARK));
    }
  }
  for (const part of parts) addLongGrams(part, grams);
  return [...grams];
}

// --- imports/bulk.ts ------------------------------------------------------------------------

/** JSON text for the database, each lone surrogate written as U+FFFD. */
function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  return /\\ud[89a-f]/.test(json) ? json.replace(/(?<=(?:^|[^\\])(?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, '\\ufffd') : json;
}

// --- term-index.ts --------------------------------------------------------------------------

/** The terms a customer with these n-grams is indexed under: the grams, and each non-ASCII character alone. */
export function indexTerms(grams: readonly string[]): string[] {
  const terms = new Set(grams);
  for (const gram of grams) {
    if (gram.charCodeAt(0) <= 0x7f) continue;
    // The first character: one code unit, or two for a character beyond U+FFFF.
    terms.add(gram.codePointAt(0)! > 0xffff ? gram.slice(0, 2) : gram[0]!);
  }
  return [...terms];
}

/** PostgreSQL's form of a term: a 53-bit hash of its UTF-16 code units (two 32-bit lanes). */
export function termHash(term: string): number {
  const [a, b] = hashLanes(term);
  return (b >>> 11) * 0x1_0000_0000 + a;
}

/** termHash's two 32-bit lanes, unsigned. */
function hashLanes(text: string): [number, number] {
  hashRange(text, 0, text.length, -1);
  return [lanes[0]!, lanes[1]!];
}

/** The lanes of the last hashRange, [a, b]. */
const lanes = new Uint32Array(2);

/** hashLanes of the code units `text[start, end)` followed by the unit `tail` (-1: none), into `lanes`. */
function hashRange(text: string, start: number, end: number, tail: number): void {
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

/**
 * FTS5's `ascii` tokenizer splits on everything but ASCII letters and digits, so a term becomes
 * one token: "t", then the code points of its characters in base 32 (0–9, a–v) joined by "x".
 */
function token(term: string): string {
  let out = 't';
  for (let i = 0; i < term.length; i++) {
    const point = term.codePointAt(i)!;
    if (point > 0xffff) i++;
    if (out.length > 1) out += 'x';
    out += base32(point);
  }
  return out;
}

// Allocated at full size: an empty array written at index 0x4e2d would turn into a slow dictionary.
const base32Of: (string | undefined)[] = new Array<string | undefined>(0x10000);
function base32(point: number): string {
  if (point > 0xffff) return point.toString(32);
  return (base32Of[point] ??= point.toString(32));
}

/** The FTS5 document of a customer indexed under these terms. */
function ftsDocument(terms: readonly string[]): string {
  return terms.map(token).join(' ');
}

/** Indexes customers that have no entry yet, in one statement. */
export async function indexNewCustomers(db: Kysely<any>, customers: readonly { id: number; grams: readonly string[] }[]): Promise<void> {
  const dialect = await dialectOf(db);
  await insertIndexEntries(db, customers.map((c) => ({ id: c.id, entry: indexEntry(dialect, c.grams) })));
}

/** Joins a customer's terms into one text for PostgreSQL to split (string_to_array). */
export const TERM_SEPARATOR = PART_SEPARATOR;

/** A customer's entry: its FTS5 document (SQLite), or its terms' hashes joined by TERM_SEPARATOR (PostgreSQL). */
function indexEntry(dialect: 'sqlite' | 'postgres', grams: readonly string[]): string {
  const terms = indexTerms(grams);
  return dialect === 'postgres' ? postgresEntry(terms) : ftsDocument(terms);
}

/** The terms' hashes joined by TERM_SEPARATOR: PostgreSQL's entry. */
function postgresEntry(terms: readonly string[]): string {
  let out = '';
  for (const term of terms) out += (out ? TERM_SEPARATOR : '') + termHash(term);
  return out;
}

/** Indexes customers that have no entry yet from their entries (indexEntry), in one statement. */
async function insertIndexEntries(db: Kysely<any>, entries: readonly { id: number; entry: string }[]): Promise<void> {
  if (entries.length === 0) return;
  if (isPostgres(db)) {
    await sql`insert into customer_search (customer_id, terms)
      select id, string_to_array(entry, ${TERM_SEPARATOR})::bigint[] from unnest(${entries.map((e) => e.id)}::bigint[], ${entries.map((e) => e.entry)}::text[]) as e (id, entry)`.execute(db);
    return;
  }
  const rows = toJson(entries.map((e) => [e.id, e.entry]));
  await sql`insert into customer_search (rowid, terms) select value ->> 0, value ->> 1 from json_each(${rows})`.execute(db);
}
