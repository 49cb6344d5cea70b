import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_PURCHASES_MAX_FEN, formatCny, formatMoney, isWithinMoneyMax, lineAmount, lineAmountFen, lineGross, lineGrossFen, MONEY_MAX_FEN,
  parseMoney, parseMoneyFen, QUANTITY_MAX, QUOTE_LINES_MAX, sum, sumFen, toMilli,
} from './money.js';

describe('money', () => {
  it('parses and formats two-decimal strings exactly', () => {
    expect(parseMoney('1280.50')).toBe(128050);
    expect(parseMoney('1280.5')).toBe(128050);
    expect(parseMoney('0.01')).toBe(1);
    expect(parseMoney('12')).toBe(1200);
    expect(formatMoney(128050)).toBe('1280.50');
    expect(formatMoney(5)).toBe('0.05');
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney(-150)).toBe('-1.50');
  });

  it('multiplies without floating-point error: 0.10 × 3 = 0.30', () => {
    expect(formatMoney(lineGross(toMilli(3), parseMoney('0.10')))).toBe('0.30');
    expect(formatMoney(lineGross(toMilli(0.1), parseMoney('3')))).toBe('0.30');
    expect(formatMoney(sum([10, 20]))).toBe('0.30');
  });

  it('rounds half-up to the fen on fractional quantities', () => {
    expect(lineGross(toMilli(1.5), 33)).toBe(50); // 49.5 → 50
    expect(lineGross(toMilli(1.5), 31)).toBe(47); // 46.5 → 47
    expect(lineGross(toMilli(0.333), 100)).toBe(33); // 33.3 → 33
    expect(lineGross(toMilli(2.5), 1)).toBe(3); // 2.5 → 3
    expect(lineGross(toMilli(1.005), 10_000)).toBe(10_050);
  });

  it('takes a discount off the line amount', () => {
    expect(lineAmount(toMilli(2), parseMoney('1000.00'), parseMoney('150.00'))).toBe(185_000);
    expect(lineAmount(toMilli(1), 100, 100)).toBe(0);
  });

  it('stays exact for large amounts', () => {
    const price = parseMoney('9999999999.99');
    expect(formatMoney(lineGross(toMilli(1000), price))).toBe('9999999999990.00');
  });

  it('bounds a single amount at 9,999,999,999.99, whatever the digits look like', () => {
    expect(parseMoney('9999999999.99')).toBe(MONEY_MAX_FEN);
    expect(isWithinMoneyMax('9999999999.99')).toBe(true);
    expect(isWithinMoneyMax('0000000009999999999.99')).toBe(true);
    expect(isWithinMoneyMax('10000000000')).toBe(false);
    expect(isWithinMoneyMax('10000000000.00')).toBe(false);
    expect(isWithinMoneyMax('9999999999999.99')).toBe(false);
    expect(isWithinMoneyMax('9'.repeat(400))).toBe(false);
  });

  it('keeps the bounds inside exact numbers: every quote total and every customer sum', () => {
    expect(QUOTE_LINES_MAX * MONEY_MAX_FEN).toBeLessThanOrEqual(CUSTOMER_PURCHASES_MAX_FEN);
    expect(Number.isSafeInteger(CUSTOMER_PURCHASES_MAX_FEN)).toBe(true);
    // A write checks the customer bound after itself, so the sum it reads may pass it by a quote.
    expect(Number.isSafeInteger(CUSTOMER_PURCHASES_MAX_FEN + QUOTE_LINES_MAX * MONEY_MAX_FEN)).toBe(true);
    expect(sum(Array.from({ length: QUOTE_LINES_MAX }, () => MONEY_MAX_FEN))).toBe(199_999_999_999_800);
  });

  it('multiplies the largest quantity by the largest price exactly, and never rounds it into a number', () => {
    const most = toMilli(QUANTITY_MAX);
    expect(lineGrossFen(most, MONEY_MAX_FEN)).toBe(999_999_999_999_000_000n);
    expect(lineAmountFen(most, MONEY_MAX_FEN, MONEY_MAX_FEN)).toBe(999_998_999_999_000_001n);
    expect(() => lineGross(most, MONEY_MAX_FEN)).toThrow(RangeError);
    expect(() => lineAmount(toMilli(1000), parseMoney('9999999999999.99'))).toThrow(RangeError);
    // 333.333 × 29,999,999.99 = 9,999,989,996.66667 → half-up to the fen.
    expect(lineAmountFen(toMilli(333.333), parseMoney('29999999.99'))).toBe(999_998_999_667n);
    expect(lineGrossFen(1, 500)).toBe(1n); // 0.001 × 5.00 = 0.005 → 0.01
    expect(lineGrossFen(1, 499)).toBe(0n);
  });

  it('parses, sums and formats past 2^53 exactly, or refuses to make a number of it', () => {
    expect(parseMoneyFen('90071992547409.93')).toBe(9_007_199_254_740_993n);
    expect(() => parseMoney('90071992547409.93')).toThrow(RangeError);
    expect(formatMoney(9_007_199_254_740_993n)).toBe('90071992547409.93');
    expect(formatMoney(2n ** 63n)).toBe('92233720368547758.08');
    expect(formatMoney(-9_007_199_254_740_993n)).toBe('-90071992547409.93');
    expect(() => formatMoney(0.5)).toThrow(RangeError);
    const many = Array.from({ length: 10_001 }, (_, i) => (i === 0 ? 1 : MONEY_MAX_FEN));
    expect(formatMoney(sumFen(many))).toBe('99999999999900.01');
    expect(() => sum(many)).toThrow(RangeError);
    expect(formatCny(9_007_199_254_740_993n, 'zh-CN')).toBe('¥90,071,992,547,409.93');
  });

  it('formats CNY for people', () => {
    expect(formatCny(128050, 'zh-CN')).toBe('¥1,280.50');
    expect(formatCny(128050, 'en-US')).toMatch(/1,280\.50/);
  });
});
