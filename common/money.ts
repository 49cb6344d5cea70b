// Money is integer fen inside and a two-decimal string outside ("1280.50"). Quantities may be
// fractional and are held in thousandths. All arithmetic is integer; rounding is half-up to
// the fen. Pure functions shared by server and web.

export const MONEY_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;
export const QUANTITY_MAX_DECIMALS = 3;

/** "1280.5" → 128050. The input must match MONEY_PATTERN (non-negative). */
export function parseMoney(value: string): number {
  const [whole = '0', frac = ''] = value.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** 128050 → "1280.50"; negative amounts keep their sign. */
export function formatMoney(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
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

/** quantity × unit price, to the fen, half-up: 0.10 × 3 = 0.30; 1.5 × 0.33 = 0.50. */
export function lineGross(quantityMilli: number, unitPriceFen: number): number {
  return Number(divRoundHalfUp(BigInt(quantityMilli) * BigInt(unitPriceFen), 1000n));
}

/** A line's amount: gross minus the discount (an amount off the line), never below zero. */
export function lineAmount(quantityMilli: number, unitPriceFen: number, discountFen = 0): number {
  return lineGross(quantityMilli, unitPriceFen) - discountFen;
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** CNY for display: ¥1,280.50 (zh) / CN¥1,280.50 (en). */
export function formatCny(fen: number, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(fen / 100);
}
