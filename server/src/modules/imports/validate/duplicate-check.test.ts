import { describe, expect, it } from 'vitest';
import { candidateKeywords } from '../../duplicates/find.js';
import { gramsOf, searchParts } from '../../../search/index.js';
import { KeywordFilter } from './keyword-filter.js';
import { duplicateKeysOf } from '../../../../../common/duplicates/keys.js';
import { isDivisionName } from '../../../../../common/duplicates/divisions.js';
import { InFileIndex, keywordCandidates, matchRows, MAX_MATCHES, nameSubstrings, narrowingGram, type DbMatch } from './duplicate-check.js';

// The batch duplicate check's pure parts: the same candidates as the customer service, a
// narrowing gram the n-gram index really holds for every name containing the keyword, and the
// in-file index.

describe('import duplicate check', () => {
  it('probes the same name substrings, in the same order, as the duplicate check', () => {
    for (const name of ['中兴通讯上海分公司', 'ab', 'a', '', 'zte中兴zte', '𠀋𠀋科技𠀾有限公司', '一二三四五六七八九十一二三四五六七八九十一二三四五', 'x'.repeat(30)]) {
      // Repeats may stay in (they find nothing new); first occurrences in the same order. Places
      // are asked about too, and their customers dropped from the answers (askDatabase).
      expect([...new Set(nameSubstrings(name))].filter((s) => !isDivisionName(s))).toEqual(candidateKeywords(name));
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

  const keys = (name: string, keyword: string) => {
    const k = duplicateKeysOf(name, keyword);
    return { nameNorm: k.name_norm, keywordNorm: k.keyword_norm, nameCore: k.name_core };
  };
  const found = (index: InFileIndex, name: string, keyword: string) => index.matches(keys(name, keyword)).map((m) => [m.rowNo, m.reason]);

  it('finds earlier rows of the file whose name holds the keyword, Latin and digit keywords too', () => {
    const index = new InFileIndex();
    index.add(2, '中兴ZTE通讯', '甲', keys('中兴ZTE通讯', '中兴'));
    index.add(3, '宁波12345贸易', '乙', keys('宁波12345贸易', '宁波贸易'));
    expect(found(index, 'zte上海', 'zte')).toEqual([[2, 'name_has_keyword']]);
    expect(found(index, '某某', '12345')).toEqual([[3, 'name_has_keyword']]);
    // And the other way: an earlier keyword inside this name.
    expect(found(index, '上海中兴分公司', '上海分')).toEqual([[2, 'keyword_in_name']]);
  });

  it('finds earlier rows with the same keyword or the same company core, strongest rule first', () => {
    const index = new InFileIndex();
    index.add(2, '深圳大疆创新科技有限公司', '甲', keys('深圳大疆创新科技有限公司', '大疆创新'));
    index.add(3, '无锡小天鹅电器有限公司', '乙', keys('无锡小天鹅电器有限公司', '小天鹅'));
    index.add(4, '杭州小天鹅洗衣店', '乙', keys('杭州小天鹅洗衣店', '小天鹅'));
    expect(found(index, '大疆创新科技（深圳）有限公司', '大疆深圳')).toEqual([[2, 'same_name']]);
    // Punctuation and invisible characters do not tell keywords apart; every earlier holder is named.
    expect(found(index, '美的集团', '小 天\u200B鹅')).toEqual([[3, 'same_keyword'], [4, 'same_keyword']]);
    // A row matched by several rules is listed once, under the strongest.
    expect(found(index, '大疆创新科技有限公司', '大疆创新')).toEqual([[2, 'same_keyword']]);
    expect(found(index, '大疆\u200B创新科技有限公司', '别的')).toEqual([[2, 'same_name']]);
  });

  it('finds earlier rows in the order of the rules, keywords in a name in substring order', () => {
    // The reference: the earlier rows with the same keyword, then each substring of the name
    // (nameSubstrings' order) looked up among the earlier keywords, then the earlier names
    // holding the keyword, in row order. Names and keywords from a few characters, so that they
    // overlap a lot.
    const alphabet = ['中', '兴', '华', '为', 'z', 't', '1', '𠀋'];
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const text = (min: number, max: number) => Array.from({ length: min + random(max - min + 1) }, () => alphabet[random(alphabet.length)]).join('');
    const index = new InFileIndex();
    const rowsWith = new Map<string, number[]>();
    const earlier: { rowNo: number; name: string }[] = [];
    let sawSame = false;
    for (let rowNo = 1; rowNo <= 400; rowNo++) {
      const name = text(0, 12);
      const keyword = text(2, 4);
      const want: [number, string][] = [];
      const take = (n: number, reason: string) => {
        if (want.length < MAX_MATCHES && !want.some(([m]) => m === n)) want.push([n, reason]);
      };
      for (const n of (rowsWith.get(keyword) ?? []).slice(0, MAX_MATCHES)) take(n, 'same_keyword');
      for (const s of nameSubstrings(name)) for (const n of (rowsWith.get(s) ?? []).slice(0, MAX_MATCHES)) take(n, 'keyword_in_name');
      for (const e of earlier) if (e.name.includes(keyword)) take(e.rowNo, 'name_has_keyword');
      const got = index.matches({ nameNorm: name, keywordNorm: keyword, nameCore: null }).map((m) => [m.rowNo, m.reason]);
      expect(got, `${rowNo} ${name} ${keyword}`).toEqual(want);
      sawSame ||= want.some(([, r]) => r === 'same_keyword');
      index.add(rowNo, name, '', { nameNorm: name, keywordNorm: keyword, nameCore: null });
      rowsWith.set(keyword, [...(rowsWith.get(keyword) ?? []), rowNo]);
      earlier.push({ rowNo, name });
    }
    expect(sawSame).toBe(true);
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
    const rows = names.map((nameNorm) => ({ nameNorm, keywordNorm: '无关', nameCore: null }));
    const got = matchRows(rows, { sameKeyword: new Map(), sameCore: new Map(), byKeyword, byContained: new Map() });
    rows.forEach((r, i) => {
      const want = new Map<number, DbMatch & { reason: string }>();
      for (const s of nameSubstrings(r.nameNorm)) for (const m of byKeyword.get(s) ?? []) if (want.size < MAX_MATCHES && !want.has(m.id)) want.set(m.id, { ...m, reason: 'keyword_in_name' });
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

  it('orders existing customers by the strength of the rule, each customer once', () => {
    const c = (id: number) => ({ id, name: `客户${id}`, ownerName: '王' });
    const answers = {
      sameKeyword: new Map([['大疆创新', [c(5), c(9)]]]),
      sameCore: new Map([['大疆创新科技', [c(3), c(5)]]]),
      byKeyword: new Map([['大疆', [c(1)]]]),
      byContained: new Map([['大疆创新', [c(2), c(3)]]]),
    };
    const [got] = matchRows([{ nameNorm: '深圳大疆创新科技有限公司', keywordNorm: '大疆创新', nameCore: '大疆创新科技' }], answers);
    expect(got!.map((m) => [m.id, m.reason])).toEqual([
      [5, 'same_keyword'],
      [9, 'same_keyword'],
      [3, 'same_name'],
      [1, 'keyword_in_name'],
      [2, 'name_has_keyword'],
    ]);
  });
});
