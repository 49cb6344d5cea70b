import { describe, expect, it } from 'vitest';
import { indexEntryOfParts } from './index-entry.js';
import { gramsOf, searchTextOf } from './search-text.js';
import { TERM_SEPARATOR } from './postgres-term-store.js';
import { termHash } from './term-hash.js';
import { indexEntry } from './term-index.js';

// The import builds each customer's index entry straight from its search parts. It must be the
// very text the rest of the app indexes a customer under (indexEntry of gramsOf), or imported
// customers would be found by other terms than edited ones.

const dialects = ['postgres', 'sqlite'] as const;
const reference = (dialect: (typeof dialects)[number], parts: string[]) => indexEntry(dialect, gramsOf(parts));

/** A deterministic generator, so that a failure can be reproduced. */
function random(seed: number) {
  return (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed % n;
  };
}

describe('indexEntryOfParts', () => {
  it('writes what indexEntry writes for the grams of the same parts, on both databases', () => {
    // CJK, Latin letters and digits (long runs), an astral character and lone surrogates, Latin
    // with a diacritic, punctuation, repeats.
    const pool = ['中', '兴', '华', '为', '北', '京', '公', '司', 'a', 'b', 'z', 'x', 'q', '0', '1', '5', '7', '9', '𠀋', '\ud840', '\udc0b', 'é', '-', '·'];
    const pick = random(7);
    for (let k = 0; k < 5_000; k++) {
      const parts = Array.from({ length: 1 + pick(6) }, () => Array.from({ length: 1 + pick(16) }, () => pool[pick(pool.length)]!).join(''));
      for (const dialect of dialects) expect(indexEntryOfParts(dialect, parts), JSON.stringify(parts)).toBe(reference(dialect, parts));
    }
  });

  it('writes a customer with contacts as the rest of the app indexes it', () => {
    const { parts } = searchTextOf({ name: '深圳市中兴通讯股份有限公司', keyword: '中兴ZTE', phone: '0755-2677 9999' }, [
      { name: '李雷', mobile: '138 0013 8000', phone: '' },
      { name: 'Han Meimei', mobile: '', phone: '+86 (10) 8888-1234' },
    ]);
    for (const dialect of dialects) expect(indexEntryOfParts(dialect, parts)).toBe(reference(dialect, parts));
  });

  it('writes every hash in full, whatever its size, as String(termHash) does', () => {
    // Terms whose hash has a high part of zero, or a low part with leading zeros, are in here
    // among the 20,000 digit windows; each is compared as written.
    const parts = Array.from({ length: 200 }, (_, i) => String(i * 7919).padStart(6, '0') + String(i * 104729));
    const written = indexEntryOfParts('postgres', parts).split(TERM_SEPARATOR);
    expect(written).toEqual(reference('postgres', parts).split(TERM_SEPARATOR));
    for (const text of written) expect(String(Number(text))).toBe(text);
    expect(written).toContain(String(termHash('0000')));
  });

  it('handles a customer with thousands of terms (its buffers grow) and starts afresh for the next', () => {
    const pick = random(11);
    const many = Array.from({ length: 300 }, () => Array.from({ length: 12 }, () => String.fromCharCode(0x4e00 + pick(3000))).join(''));
    for (const dialect of dialects) {
      expect(indexEntryOfParts(dialect, many)).toBe(reference(dialect, many));
      expect(indexEntryOfParts(dialect, ['华为'])).toBe(reference(dialect, ['华为']));
    }
    expect(indexEntryOfParts('postgres', [])).toBe('');
  });
});
