// Spreadsheet injection defence: a cell starting with = + - @, a tab or a carriage return —
// also after leading spaces — could be run as a formula by Excel; prefix it with an apostrophe
// so it stays text.
const DANGEROUS = /^[ \u00a0\u3000]*[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return DANGEROUS.test(value) ? `'${value}` : value;
}
