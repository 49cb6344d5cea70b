import { describe, expect, it } from 'vitest';
import { buildSearchText, gramsOf, normalizeTerm, pinyinInitials, searchParts, termGrams } from './search-text.js';
import { TERM_SEPARATOR } from './postgres-term-store.js';
import { token } from './sqlite-term-store.js';
import { indexTerms } from './term-index.js';

describe('search text', () => {
  it('derives pinyin initials from Chinese and keeps Latin letters and digits', () => {
    expect(pinyinInitials('中兴通讯')).toBe('zxtx');
    expect(pinyinInitials('重庆ＡＢ1号')).toBe('cqab1h');
    expect(pinyinInitials('Acme Ltd')).toBe('');
    // Syllables whose first letter carries the tone (ǹg, ḿ), and a polyphonic character read by its word.
    expect(pinyinInitials('嗯呣')).toBe('nm');
    expect(pinyinInitials('银行行长')).toBe('yhhz');
  });

  it('normalises full-width, case and spaces', () => {
    expect(searchParts({ name: 'ＺＴＥ  Shenzhen', keyword: 'ZTE', phone: '' })).toEqual(['zteshenzhen', 'zte']);
  });

  it('reduces phone-like terms to digits', () => {
    expect(normalizeTerm('0755-8888 1234')).toBe('075588881234');
    expect(normalizeTerm(' 中兴 ')).toBe('中兴');
  });

  it('indexes each character with its successor or the end mark', () => {
    expect(gramsOf(['中兴']).sort()).toEqual(['中兴', '兴\u0002'].sort());
    expect(termGrams('中兴通')).toEqual(['中兴', '兴通']);
    expect(termGrams('中')).toEqual([]);
  });

  it('adds 4-digit and 3-letter windows, and narrows long runs of a term by them', () => {
    expect(gramsOf(['a13800']).filter((g) => g.length > 2).sort()).toEqual(['1380', '3800']);
    expect(gramsOf(['zteabc']).filter((g) => g.length > 2).sort()).toEqual(['abc', 'eab', 'tea', 'zte']);
    expect(gramsOf(['ab12']).every((g) => [...g].length === 2)).toBe(true);
    // First, last and middle windows: every one is in any text that contains the term.
    expect(termGrams('13800138000')).toEqual(['1380', '8000', '0138']);
    expect(termGrams('zentech')).toEqual(['zen', 'ech', 'nte']);
    // CJK next to a long run keeps its bigrams.
    expect(termGrams('中兴zte')).toEqual(['zte', '中兴', '兴z']);
    expect(termGrams('x1')).toEqual(['x1']);
  });

  it('separates the parts so that a term never spans two', () => {
    const text = buildSearchText({ name: '华为', keyword: '技术', phone: '' });
    expect(text.includes('为技')).toBe(false);
    expect(text.includes('华为')).toBe(true);
  });
});

describe('reserved characters', () => {
  it('are taken out of every part and term, so that no index term holds the separator the database splits on', () => {
    const fields = { name: '中\u0001兴\u0002通讯', keyword: 'Z\u0001TE', phone: '0755\u0001-1234', extra: ['王\u0002五'] };
    const parts = searchParts(fields);
    expect(parts).toEqual(expect.arrayContaining(['中兴通讯', 'zte', '07551234', '王五']));
    for (const term of indexTerms(gramsOf(parts))) expect(term.includes(TERM_SEPARATOR), JSON.stringify(term)).toBe(false);
    // …and matched as if absent, whichever side holds them.
    expect(normalizeTerm('兴\u0002通')).toBe('兴通');
    expect(buildSearchText(fields).includes('中兴通讯')).toBe(true);
  });
});

describe('FTS5 index tokens', () => {
  it('spell a term as "t" and its code points in base 32 joined by "x", astral characters included', () => {
    const spelled = (term: string) => `t${[...term].map((ch) => ch.codePointAt(0)!.toString(32)).join('x')}`;
    for (const term of ['中兴', 'zte', '0755', '𠀋𠀾', 'a𠀋b', '中', '\u00e9x', '\uffff\u0001']) {
      expect(token(term), term).toBe(spelled(term));
      // Asked again (the characters now made once), the same.
      expect(token(term), term).toBe(spelled(term));
    }
    expect(token('中兴')).toBe('tjhdxkbk');
  });

  it('index each gram, and the first character of each gram that is not ASCII', () => {
    expect(indexTerms(['𠀋𠀾', 'ab', '中兴', '兴业', '中兴'])).toEqual(['𠀋𠀾', 'ab', '中兴', '兴业', '𠀋', '中', '兴']);
  });
});
