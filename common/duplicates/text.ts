// The duplicate check's own normalisation, separate from the search's (common/normalize.ts):
// NFKC folds full-width to half-width, then lower case, then everything that is not a letter,
// digit or combining mark goes — spaces, punctuation, symbols and invisible format characters
// (U+00AD, U+200B–U+200F, U+2060, U+FEFF), so 公\u200B司 and 公司 compare equal.

const NOT_TEXT = /[^\p{L}\p{N}\p{M}]+/gu;

export function duplicateText(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(NOT_TEXT, '');
}

/** Length in characters (code points), as the length rules count. */
export function charCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}
