import { pinyin } from 'pinyin-pro';
import { normalizeText, phoneDigits } from '../../../common/normalize.js';

// What a customer is found by, and the n-grams that index it. Pure functions.

/** Separates the parts of search_text so that no term matches across two of them. */
export const PART_SEPARATOR = '\u0001';
/** Follows every character as the second half of its last bigram, so one character = a prefix. */
export const END_MARK = '\u0002';

/**
 * The toneless letter of each toned first letter a pinyin syllable can start with, by character
 * code. The rest (ü, ê) are dropped with everything else outside a-z0-9.
 */
const TONELESS = new Map<number, string>([
  ...[...'āáǎà'].map((c) => [c.charCodeAt(0), 'a'] as const),
  ...[...'ōóǒò'].map((c) => [c.charCodeAt(0), 'o'] as const),
  ...[...'ēéěè'].map((c) => [c.charCodeAt(0), 'e'] as const),
  ...[...'īíǐì'].map((c) => [c.charCodeAt(0), 'i'] as const),
  ...[...'ūúǔù'].map((c) => [c.charCodeAt(0), 'u'] as const),
  ...[...'ńňǹ'].map((c) => [c.charCodeAt(0), 'n'] as const),
  ['ḿ'.charCodeAt(0), 'm'],
]);

/** The first letter of the syllable starting at `at` in a pinyin result, toneless and lower case. */
function initialAt(result: string, at: number): string {
  const code = result.charCodeAt(at);
  if (code >= 0x61 && code <= 0x7a) return result[at]!;
  return TONELESS.get(code) ?? result.charAt(at).toLowerCase();
}

/**
 * Pinyin initials of the Chinese characters; Latin letters and digits kept: 中兴ZTE1 → zxzte1.
 * pinyin-pro reads the whole text (a polyphonic character's reading depends on its words) and
 * gives one result per code point: the toned syllables of a Chinese character (separated by
 * spaces), any other character as it is. The first letters are taken here rather than by its
 * `pattern: 'first', toneType: 'none'`, whose per-character string work was most of the cost of
 * an import's search text — with the same result — and by character code, without splitting
 * each result into syllables, which was slower still.
 */
export function pinyinInitials(text: string): string {
  const normalized = text.normalize('NFKC');
  if (!/[\u3400-\u9fff]/u.test(normalized)) return '';
  const chars = [...normalized];
  const results = pinyin(normalized, { type: 'array' });
  let out = '';
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    if (result === chars[i]) {
      out += result.toLowerCase();
      continue;
    }
    for (let at = 0; at >= 0 && at < result.length; ) {
      out += initialAt(result, at);
      const space = result.indexOf(' ', at);
      at = space < 0 ? -1 : space + 1;
    }
  }
  return out.replace(/[^a-z0-9]/g, '');
}

export interface SearchableParts {
  name: string;
  keyword: string;
  phone: string;
  /** Later: contact names and phones. */
  extra?: string[];
}

/**
 * The two characters the index reserves, taken out of any text before it is indexed or looked
 * up: the search text separates parts with one, and the index ends every part with the other
 * and joins a customer's terms with the first (postgres-term-store.ts). A field may hold them
 * (nothing refuses control characters); they are invisible, and matched as if absent.
 */
const RESERVED = new RegExp(`[${PART_SEPARATOR}${END_MARK}]`, 'g');
const withoutReserved = (text: string) => (text.includes(PART_SEPARATOR) || text.includes(END_MARK) ? text.replace(RESERVED, '') : text);

/** The searchable parts, normalised; each is indexed and matched separately. */
export function searchParts(p: SearchableParts): string[] {
  const parts = [
    withoutReserved(normalizeText(p.name)),
    withoutReserved(normalizeText(p.keyword)),
    pinyinInitials(p.name),
    pinyinInitials(p.keyword),
    phoneDigits(p.phone),
    ...(p.extra ?? []).map((e) => withoutReserved(normalizeText(e))),
  ];
  return [...new Set(parts.filter((s) => s.length > 0))];
}

export function buildSearchText(p: SearchableParts): string {
  return PART_SEPARATOR + searchParts(p).join(PART_SEPARATOR) + PART_SEPARATOR;
}

/**
 * The search text and n-grams of a customer with these fields and contacts (the contacts'
 * names and phones are searchable too). The parts are worked out once: their pinyin is the
 * costly part, and an import does this for every row.
 */
export function searchOf(fields: { name: string; keyword: string; phone: string }, contacts: readonly { name: string; mobile: string; phone: string }[]) {
  const { searchText, parts } = searchTextOf(fields, contacts);
  return { searchText, grams: gramsOf(parts) };
}

/** searchOf's search text, and the parts it joins (for indexEntryOfParts, which needs no grams). */
export function searchTextOf(fields: { name: string; keyword: string; phone: string }, contacts: readonly { name: string; mobile: string; phone: string }[]) {
  const extra = contacts.flatMap((c) => [c.name, phoneDigits(c.mobile), phoneDigits(c.phone)]).filter(Boolean);
  const parts = searchParts({ ...fields, extra });
  return { searchText: PART_SEPARATOR + parts.join(PART_SEPARATOR) + PART_SEPARATOR, parts };
}

/**
 * Code units of the code point at `at`: 2 for a surrogate pair, else 1 (as `[...text]` splits a
 * text, lone surrogates included). For walking a text by character without splitting it.
 */
export function unitsAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c < 0xd800 || c > 0xdbff || at + 1 >= text.length) return 1;
  const next = text.charCodeAt(at + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/**
 * Runs of one script that also get longer grams: digit and Latin bigrams are in a large share
 * of all customers (every phone has "13", most Latin names "en"), so a phone fragment or a
 * Latin word narrowed by bigrams alone reads posting lists that hold much of the data set. A
 * 4-digit window or a 3-letter window is rare enough to drive the search.
 */
const LONG_RUNS = [
  { isRunChar: (code: number) => code >= 0x30 && code <= 0x39, size: 4 }, // 0-9
  { isRunChar: (code: number) => code >= 0x61 && code <= 0x7a, size: 3 }, // a-z
] as const;

/**
 * Calls `visit` for every maximal run of at least `size` characters of one kind: the digit runs
 * left to right, then the Latin ones. A scan of character codes rather than regular
 * expressions: an import does this for every row, and the match objects cost more than the
 * grams.
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

interface Run {
  start: number;
  text: string;
  size: number;
}

function longRuns(text: string): Run[] {
  const runs: Run[] = [];
  forEachLongRun(text, (start, end, size) => runs.push({ start, text: text.slice(start, end), size }));
  return runs;
}

function windows(run: Run): string[] {
  const out: string[] = [];
  for (let i = 0; i + run.size <= run.text.length; i++) out.push(run.text.slice(i, i + run.size));
  return out;
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
 * windows of digit and Latin runs. The import builds the same terms without this function
 * (index-entry.ts): a change here must be made there too, and its test compares the two.
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

/**
 * A search term as matched: normalised; a term that looks like a phone number (digits with
 * spaces, dashes, brackets or a plus) is reduced to its digits.
 */
export function normalizeTerm(q: string): string {
  const trimmed = q.trim();
  if (/^[+\d][\d\s\-()+]*$/.test(trimmed) && /\d/.test(trimmed)) return phoneDigits(trimmed);
  return withoutReserved(normalizeText(trimmed));
}

/** At most this many grams narrow a search; the final LIKE on search_text decides. */
const MAX_TERM_GRAMS = 4;

/**
 * The grams a customer matching `term` must have. For one character: none (the caller scans
 * the prefix). A digit run of 4+ or a Latin run of 3+ in the term is narrowed by its first and
 * last windows (each implies every bigram inside it, and is far rarer); the rest of the term
 * by its bigrams.
 */
export function termGrams(term: string): string[] {
  if ([...term].length < 2) return [];
  const grams = new Set<string>();
  // Positions (UTF-16 indices; the runs are ASCII) already implied by a long window.
  const covered = new Set<number>();
  for (const run of longRuns(term)) {
    const all = windows(run);
    for (const w of [all[0]!, all[all.length - 1]!, all[Math.floor(all.length / 2)]!]) grams.add(w);
    for (let i = run.start; i < run.start + run.text.length; i++) covered.add(i);
  }
  const long = [...grams];
  const bigrams = new Set<string>();
  const chars = [...term];
  let index = 0;
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    const pairStart = index;
    index += a.length;
    if (covered.has(pairStart) && covered.has(index)) continue;
    bigrams.add(a + b);
  }
  return [...long.slice(0, MAX_TERM_GRAMS), ...bigrams].slice(0, MAX_TERM_GRAMS);
}
