// Text normalisation shared by search and the duplicate check, so both compare the same text:
// NFKC folds full-width to half-width, then lower case, then every kind of space removed.
export function normalizeText(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Digits only, for phone numbers: "0755-8888 1234" → "075588881234". */
export function phoneDigits(value: string): string {
  return value.normalize('NFKC').replace(/\D+/g, '');
}
