// Money is integer fen inside and a two-decimal string outside ("1280.50"). Quantities may be
// fractional and are held in thousandths. All arithmetic is integer, in BigInt wherever a
// product or a sum could pass 2^53; rounding is half-up to the fen. Pure functions shared by
// server and web.

/** The largest amount one field or one record holds: 9,999,999,999.99 yuan. */
export const MONEY_MAX_FEN = 999_999_999_999;
/** The largest quantity of one line; a quantity has at most three decimals. */
export const QUANTITY_MAX = 1_000_000;
/** The most lines a quote has: its total stays far below 2^53 fen with every line at the maximum. */
export const QUOTE_LINES_MAX = 200;
/**
 * What all of one customer's purchases may add up to (9,999,999,999,999.99 yuan), so that its
 * arrears sums stay exact numbers; sums over many customers are exact BigInts instead.
 */
export const CUSTOMER_PURCHASES_MAX_FEN = 999_999_999_999_999;

export const MONEY_PATTERN = /^\d+(\.\d{1,2})?$/;
export const QUANTITY_MAX_DECIMALS = 3;

/** An integer amount of fen as a number, refusing one that a number would hold inexactly. */
export function exactNumber(fen: bigint): number {
  const n = Number(fen);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${fen} fen is beyond exact numbers`);
  return n;
}

/** "1280.5" → 128050n, exactly at any size. The input must match MONEY_PATTERN. */
export function parseMoneyFen(value: string): bigint {
  const [whole = '0', frac = ''] = value.split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
}

/** "1280.5" → 128050. The input must match MONEY_PATTERN and be within exact numbers. */
export function parseMoney(value: string): number {
  return exactNumber(parseMoneyFen(value));
}

/** Whether a MONEY_PATTERN string is at most MONEY_MAX_FEN; compared by length first, so a long one is cheap. */
export function isWithinMoneyMax(value: string): boolean {
  const whole = (value.split('.')[0] ?? '').replace(/^0+/, '');
  return whole.length <= 10 && parseMoneyFen(value) <= BigInt(MONEY_MAX_FEN);
}

/** 128050 → "1280.50"; negative amounts keep their sign. Exact for any integer. */
export function formatMoney(fen: number | bigint): string {
  if (typeof fen === 'number' && !Number.isInteger(fen)) throw new RangeError(`${fen} is not a whole number of fen`);
  const f = BigInt(fen);
  const abs = f < 0n ? -f : f;
  return `${f < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** 1.5 → 1500 thousandths (quantities have at most three decimals). */
export function toMilli(quantity: number): number {
  return Math.round(quantity * 1000);
}

export function fromMilli(milli: number): number {
  return milli / 1000;
}

/** Integer division rounding half away from zero (half-up for amounts, which are positive). */
function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** quantity × unit price, to the fen, half-up, exactly at any size: 0.10 × 3 = 0.30; 1.5 × 0.33 = 0.50. */
export function lineGrossFen(quantityMilli: number, unitPriceFen: number): bigint {
  return divRoundHalfUp(BigInt(quantityMilli) * BigInt(unitPriceFen), 1000n);
}

/** A line's amount: gross minus the discount (an amount off the line), exactly. */
export function lineAmountFen(quantityMilli: number, unitPriceFen: number, discountFen = 0): bigint {
  return lineGrossFen(quantityMilli, unitPriceFen) - BigInt(discountFen);
}

/** lineGrossFen as a number; a RangeError rather than a rounded number past 2^53. */
export function lineGross(quantityMilli: number, unitPriceFen: number): number {
  return exactNumber(lineGrossFen(quantityMilli, unitPriceFen));
}

/** lineAmountFen as a number; a RangeError rather than a rounded number past 2^53. */
export function lineAmount(quantityMilli: number, unitPriceFen: number, discountFen = 0): number {
  return exactNumber(lineAmountFen(quantityMilli, unitPriceFen, discountFen));
}

/** The exact sum of amounts in fen. */
export function sumFen(values: Iterable<number | bigint>): bigint {
  let total = 0n;
  for (const v of values) total += BigInt(v);
  return total;
}

/** sumFen as a number; a RangeError rather than a rounded number past 2^53. */
export function sum(values: readonly number[]): number {
  return exactNumber(sumFen(values));
}

/** CNY for display: ¥1,280.50 (zh) / CN¥1,280.50 (en), exact at any size (formatted from the decimal string). */
export function formatCny(fen: number | bigint, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(formatMoney(fen) as `${number}`);
}
