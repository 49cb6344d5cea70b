import { describe, expect, it } from 'vitest';
import { gramsOf, searchParts } from './search-text.js';
import { postgresEntry, TERM_SEPARATOR } from './postgres-term-store.js';
import { termHash } from './term-hash.js';
import { indexTerms } from './term-index.js';

// PostgreSQL's search index keeps each term as termHash gives it (migration 2200).

describe('termHash', () => {
  it('gives the stored values: changing the function needs a migration that rebuilds the index', () => {
    expect(termHash('华为')).toBe(PINNED.huawei);
    expect(termHash('zx')).toBe(PINNED.zx);
    expect(termHash('0755')).toBe(PINNED.digits);
  });

  it('is a whole number of at most 53 bits, exact in a JavaScript number and in a bigint', () => {
    for (const term of ['', 'a', '中', '华为', '𠀀', 'abcdefghijklmnopqrstuvwxyz', '1'.repeat(40)]) {
      const h = termHash(term);
      expect(Number.isSafeInteger(h), term).toBe(true);
      expect(h, term).toBeGreaterThanOrEqual(0);
      expect(h, term).toBeLessThan(2 ** 53);
    }
  });

  it('gives a million and more distinct terms of the kinds the index holds distinct hashes', () => {
    // 1,000 common CJK characters: every bigram of them, and each alone.
    const chars = Array.from({ length: 1000 }, (_, i) => String.fromCharCode(0x4e00 + i * 7));
    const terms: string[] = [...chars];
    for (const a of chars) for (const b of chars) terms.push(a + b);
    for (let i = 0; i < 10_000; i++) terms.push(String(i).padStart(4, '0'));
    for (let i = 0; i < 100; i++) terms.push(String(i).padStart(2, '0'));
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (const a of letters) for (const b of letters) {
      terms.push(a + b);
      for (const c of letters) terms.push(a + b + c);
    }
    const seen = new Set<number>();
    for (const term of terms) seen.add(termHash(term));
    expect(terms.length).toBeGreaterThan(1_000_000);
    expect(seen.size).toBe(terms.length);
    // Both halves of the hash vary: the values spread over the whole 53-bit range.
    const high = new Set<number>();
    for (const h of [...seen].slice(0, 100_000)) high.add(Math.floor(h / 2 ** 45));
    expect(high.size).toBe(256);
  });

  it("makes PostgreSQL's entry of a customer: its terms' hashes, one per term", () => {
    const terms = indexTerms(gramsOf(searchParts({ name: '深圳中兴通讯', keyword: '中兴', phone: '0755-86001234' })));
    const entry = postgresEntry(terms);
    expect(entry.split(TERM_SEPARATOR).map(Number)).toEqual(terms.map(termHash));
  });
});

// Written down once from the function as migration 2200 shipped it.
const PINNED = { huawei: 2981046871387674, zx: 8970387959210316, digits: 8384464152242010 };
