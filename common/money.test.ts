import { describe, expect, it } from 'vitest';
import { formatCny, formatMoney, lineAmount, lineGross, parseMoney, sum, toMilli } from './money.js';

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

  it('formats CNY for people', () => {
    expect(formatCny(128050, 'zh-CN')).toBe('¥1,280.50');
    expect(formatCny(128050, 'en-US')).toMatch(/1,280\.50/);
  });
});
