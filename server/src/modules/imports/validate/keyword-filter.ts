import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { CustomerScope } from '../../../policy/scope.js';
import { liveCustomerCount } from '../../customers/service.js';
import { hashLanes } from '../../../search/index.js';

// The existing keywords of a validation, as a Bloom filter: which of a name's substrings could be
// an existing customer's keyword. A name of 12 characters has 66 substrings of 2–12 characters,
// and the duplicate check asked the database about every one, almost all for nothing: most of
// PostgreSQL's work in validating a large file. Asked only about the substrings the filter lets
// through — the true keywords and ~1.2 % of the rest — the database finds the same customers.
//
// Reading every keyword costs about as much per keyword as a few look-ups, and a row asks
// dozens: the filter is used only when the file has more than a twentieth as many rows as there
// are customers (keywordFilterFor). A small file checked against many customers asks the
// database about each substring, as before.
//
// The filter is loaded once, when the validation starts: a customer created by someone else
// while the validation runs is not reported as a look-alike (nor would it have been if created
// a moment after the validation, before the commit).

/** Bits per keyword: with four hashes, a false positive for ~1.2 % of the substrings that are none. */
const BITS_PER_KEY = 10;
const HASHES = 4;
/** Keywords read per query: the whole set is read in pages, along the keyword index. */
const PAGE = 20_000;
/** Customers per row of the file above which the look-ups cost less than reading every keyword. */
const CUSTOMERS_PER_ROW = 20;

export class KeywordFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(expected: number) {
    let size = 1 << 10;
    while (size < expected * BITS_PER_KEY) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  add(text: string): void {
    const [h1, h2] = hashes(text);
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  /** False: `text` is certainly no keyword of the set. True: it may be. */
  mayHave(text: string): boolean {
    const [h1, h2] = hashes(text);
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit hashes of the text (the search index's, search/term-hash.ts), the second odd. */
function hashes(text: string): [number, number] {
  const [a, b] = hashLanes(text);
  // Odd, so that the probes of one key (h1 + i·h2) never repeat a bit.
  return [a, b | 1];
}

/**
 * The filter for validating `rows` rows against the customers in `scope`, or null where asking
 * the database about every substring costs less than reading every keyword.
 */
export async function keywordFilterFor(db: Kysely<DB>, scope: CustomerScope, rows: number): Promise<KeywordFilter | null> {
  const customers = await liveCustomerCount(db);
  return rows * CUSTOMERS_PER_ROW < customers ? null : loadKeywordFilter(scope, customers);
}

/**
 * Every distinct keyword of the customers in `scope` (live ones: the scope says so), in a filter
 * sized for `expected` of them. Filled a page at a time, so that the keywords of a million
 * customers never sit in memory together.
 */
export async function loadKeywordFilter(scope: CustomerScope, expected: number, page = PAGE): Promise<KeywordFilter> {
  const filter = new KeywordFilter(expected);
  let after: string | null = null;
  for (;;) {
    let query = scope.customers().select('customers.keyword_norm').distinct().orderBy('customers.keyword_norm').limit(page);
    if (after !== null) query = query.where('customers.keyword_norm', '>', after);
    const rows = await query.execute();
    for (const r of rows) filter.add(r.keyword_norm);
    if (rows.length < page) return filter;
    after = rows.at(-1)!.keyword_norm;
  }
}
