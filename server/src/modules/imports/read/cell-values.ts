// Cell values as text, and the date formats people type into spreadsheets. Pure.

/** Days between Excel's epoch (1899-12-30, after its 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  // Written out rather than through a Date and toISOString: a validation does this for every row.
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Days in month `m` (1–12) of year `y`, in the Gregorian calendar. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** An Excel serial day number (e.g. 43539) as YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const date = new Date(Math.round((Math.floor(serial) - EXCEL_EPOCH_OFFSET) * 86_400_000));
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * 2019-03-15, 2019/3/15, 2019.3.15, 2019年3月15日, 20190315, an Excel serial (43539), each
 * optionally followed by a time. Null when it is not a date.
 */
export function parseDate(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{1,7}(\.\d+)?$/.test(s)) return excelSerialToDate(Number(s));
  return null;
}

/** A Date from a spreadsheet cell: exceljs reads date cells as UTC midnight of the shown day. */
export function dateCellText(value: Date): string {
  return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
}

/** Formulas are never evaluated; text that Excel would run as one is kept as inert text. */
const FORMULA = /^[ \u00a0\u3000]*[=@]/u;
export function inertText(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}
