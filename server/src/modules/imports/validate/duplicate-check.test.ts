import { describe, expect, it } from 'vitest';
import { candidateKeywords } from '../../duplicates/find.js';
import { gramsOf, searchParts } from '../../../search/index.js';
import { KeywordFilter } from './keyword-filter.js';
import { InFileIndex, keywordCandidates, matchRows, MAX_MATCHES, nameSubstrings, narrowingGram, type DbMatch } from './duplicate-check.js';

// The batch duplicate check's pure parts: the same candidates as the customer service, a
// narrowing gram the n-gram index really holds for every name containing the keyword, and the
// in-file index.

describe('import duplicate check', () => {
  it('probes the same name substrings, in the same order, as the duplicate check', () => {
    for (const name of ['中兴通讯上海分公司', 'ab', 'a', '', 'zte中兴zte', '𠀋𠀋科技𠀾有限公司', '一二三四五六七八九十一二三四五六七八九十一二三四五', 'x'.repeat(30)]) {
      // Repeats may stay in (they find nothing new); first occurrences in the same order.
      expect([...new Set(nameSubstrings(name))]).toEqual(candidateKeywords(name));
    }
  });

  it('narrows by a gram every customer whose name contains the keyword is indexed under', () => {
    const cases = [
      ['华为', '深圳华为技术有限公司'],
      ['zte', '中兴zte通讯'],
      ['安百博12345', '杭州安百博12345机械有限公司'],
      ['有限公司', '宁波有限公司'],
      ['a1', '公司a1'],
    ] as const;
    for (const [keyword, name] of cases) {
      const gram = narrowingGram(keyword);
      expect(gram, keyword).not.toBeNull();
      expect(gramsOf(searchParts({ name, keyword: '别的', phone: '' })), keyword).toContain(gram);
    }
    // A Chinese bigram rather than a phone-like digit window, a rare one rather than a common one.
    expect(narrowingGram('安百博12345')).toBe('安百');
    expect(narrowingGram('有限公司')).toBe('有限');
    expect(narrowingGram('科技zte')).toBe('技z');
    expect(narrowingGram('中')).toBeNull();
  });

  it('finds earlier rows of the file whose name holds the keyword, Latin and digit keywords too', () => {
    const index = new InFileIndex();
    index.add(2, '中兴ZTE通讯', '中兴zte通讯', '中兴', '甲');
    index.add(3, '宁波12345贸易', '宁波12345贸易', '宁波贸易', '乙');
    expect(index.matches('zte上海', 'zte').map((m) => m.rowNo)).toEqual([2]);
    expect(index.matches('某某', '12345').map((m) => m.rowNo)).toEqual([3]);
    // And the other way: an earlier keyword inside this name.
    expect(index.matches('上海中兴分公司', '上海分').map((m) => m.rowNo)).toEqual([2]);
  });

  it('finds earlier keywords in a name in substring order, as looking up every substring does', () => {
    // The reference: each substring of the name (nameSubstrings' order) looked up among the
    // earlier keywords. Names and keywords from a few characters, so that they overlap a lot.
    const alphabet = ['中', '兴', '华', '为', 'z', 't', '1', '𠀋'];
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const text = (min: number, max: number) => Array.from({ length: min + random(max - min + 1) }, () => alphabet[random(alphabet.length)]).join('');
    const index = new InFileIndex();
    const firstRow = new Map<string, number>();
    for (let rowNo = 1; rowNo <= 400; rowNo++) {
      const name = text(0, 12);
      const keyword = text(2, 4);
      const want: number[] = [];
      for (const s of nameSubstrings(name)) {
        const at = firstRow.get(s);
        if (at !== undefined && !want.includes(at)) want.push(at);
        if (want.length >= MAX_MATCHES) break;
      }
      const got = index.matches(name, keyword).map((m) => m.rowNo);
      expect(got.slice(0, want.length), `${rowNo} ${name}`).toEqual(want);
      index.add(rowNo, name, name, keyword, '');
      if (!firstRow.has(keyword)) firstRow.set(keyword, rowNo);
    }
  });

  it('matches existing keywords in each name in substring order, as looking up every substring does', () => {
    const alphabet = ['中', '兴', '华', '为', 'z', '1', '𠀋'];
    let seed = 11;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const text = (min: number, max: number) => Array.from({ length: min + random(max - min + 1) }, () => alphabet[random(alphabet.length)]).join('');
    const names = Array.from({ length: 300 }, () => text(0, 12));
    // Existing customers: 150 keywords (longer ones first, so that the order they are known in is
    // not the order of the answer), some held by two customers.
    const byKeyword = new Map<string, DbMatch[]>();
    for (let id = 1; id <= 200; id++) {
      const keyword = id > 150 ? [...byKeyword.keys()][id % 150]! : text(id < 75 ? 3 : 2, id < 75 ? 4 : 2);
      byKeyword.set(keyword, [...(byKeyword.get(keyword) ?? []), { id, name: `客户${id}`, ownerName: '' }]);
    }
    const rows = names.map((nameNorm) => ({ nameNorm, keywordNorm: '无关' }));
    const got = matchRows(rows, { byKeyword, byContained: new Map() });
    rows.forEach((r, i) => {
      const want = new Map<number, DbMatch>();
      for (const s of nameSubstrings(r.nameNorm)) for (const m of byKeyword.get(s) ?? []) if (want.size < MAX_MATCHES) want.set(m.id, m);
      expect(got[i], r.nameNorm).toEqual([...want.values()]);
    });
    expect(got.some((m) => m.length > 1)).toBe(true);
    // The question asked of the database: the substrings of the names the filter of existing
    // keywords lets through, every existing keyword among them and no substring it rules out.
    const existing = new KeywordFilter(byKeyword.size);
    for (const k of byKeyword.keys()) existing.add(k);
    const asked = new Set(JSON.parse(keywordCandidates(names, existing)) as string[]);
    const substrings = new Set(names.flatMap(nameSubstrings));
    expect([...asked].every((s) => substrings.has(s) && existing.mayHave(s))).toBe(true);
    for (const s of substrings) expect(asked.has(s), s).toBe(existing.mayHave(s));
    for (const k of byKeyword.keys()) if (substrings.has(k)) expect(asked.has(k), k).toBe(true);
    expect(asked.size).toBeLessThan(substrings.size);
    // Without a filter (a small file against many customers), every substring is asked about.
    expect(new Set(JSON.parse(keywordCandidates(names, null)) as string[])).toEqual(substrings);
  });
});
