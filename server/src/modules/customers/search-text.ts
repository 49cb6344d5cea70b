import { pinyin } from 'pinyin-pro';
import { normalizeText, phoneDigits } from '../../../../common/normalize.js';

// What a customer is found by, and the n-grams that index it. Pure functions.

/** Separates the parts of search_text so that no term matches across two of them. */
export const PART_SEPARATOR = '\u0001';
/** Follows every character as the second half of its last bigram, so one character = a prefix. */
export const END_MARK = '\u0002';

/** Pinyin initials of the Chinese characters; Latin letters and digits kept: 中兴ZTE1 → zxzte1. */
export function pinyinInitials(text: string): string {
  const normalized = text.normalize('NFKC');
  if (!/[\u3400-\u9fff]/u.test(normalized)) return '';
  return pinyin(normalized, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'spaced' })
    .map((s) => s.toLowerCase())
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

export interface SearchableParts {
  name: string;
  keyword: string;
  phone: string;
  /** Later: contact names and phones. */
  extra?: string[];
}

/** The searchable parts, normalised; each is indexed and matched separately. */
export function searchParts(p: SearchableParts): string[] {
  const parts = [
    normalizeText(p.name),
    normalizeText(p.keyword),
    pinyinInitials(p.name),
    pinyinInitials(p.keyword),
    phoneDigits(p.phone),
    ...(p.extra ?? []).map((e) => normalizeText(e)),
  ];
  return [...new Set(parts.filter((s) => s.length > 0))];
}

export function buildSearchText(p: SearchableParts): string {
  return PART_SEPARATOR + searchParts(p).join(PART_SEPARATOR) + PART_SEPARATOR;
}

/** Distinct bigrams of every part, each character also paired with the end mark. */
export function gramsOf(parts: string[]): string[] {
  const grams = new Set<string>();
  for (const part of parts) {
    const chars = [...part];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i] + (chars[i + 1] ?? END_MARK));
    }
  }
  return [...grams];
}

/**
 * A search term as matched: normalised; a term that looks like a phone number (digits with
 * spaces, dashes, brackets or a plus) is reduced to its digits.
 */
export function normalizeTerm(q: string): string {
  const trimmed = q.trim();
  if (/^[+\d][\d\s\-()+]*$/.test(trimmed) && /\d/.test(trimmed)) return phoneDigits(trimmed);
  return normalizeText(trimmed).replace(new RegExp(`[${PART_SEPARATOR}${END_MARK}]`, 'g'), '');
}

/**
 * The grams a customer matching `term` must have. For one character: none (the caller scans
 * the prefix). Otherwise the term's bigrams, at most a handful — they narrow, and the final
 * LIKE on search_text decides.
 */
export function termGrams(term: string): string[] {
  const chars = [...term];
  if (chars.length < 2) return [];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams].slice(0, 4);
}
