import { describe, expect, it } from 'vitest';
import { excelSerialToDate, parseDate } from './cell-values.js';

// The dates of an import's rows, written as YYYY-MM-DD by hand (cell-values.ts): the calendar's edges.

describe('parseDate', () => {
  it('knows the lengths of the months and the leap years', () => {
    expect(parseDate('2024-2-29')).toBe('2024-02-29');
    expect(parseDate('2023-2-29')).toBeNull();
    expect(parseDate('2000-02-29')).toBe('2000-02-29');
    expect(parseDate('1900-02-29')).toBeNull();
    expect(parseDate('2100/2/29')).toBeNull();
    expect(parseDate('2019年4月31日')).toBeNull();
    expect(parseDate('2019年12月31日')).toBe('2019-12-31');
    expect(parseDate('20190931')).toBeNull();
    expect(parseDate('2019.1.1')).toBe('2019-01-01');
  });

  it('keeps to the years 1900–2999', () => {
    expect(parseDate('1899-12-31')).toBeNull();
    expect(parseDate('1900-01-01')).toBe('1900-01-01');
    expect(parseDate('2999-12-31')).toBe('2999-12-31');
    expect(parseDate('3000-01-01')).toBeNull();
  });

  it('reads Excel serials as Excel shows them', () => {
    expect(excelSerialToDate(43539)).toBe('2019-03-15');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(parseDate('43539.5')).toBe('2019-03-15');
  });
});
