import { describe, expect, it } from 'vitest';
import { businessDate, startOfBusinessDate } from './clock.js';
import { addDays, addYears, daysBetween } from './dates.js';

describe('business dates', () => {
  it('counts calendar days across months, years and leap days', () => {
    expect(daysBetween('2026-11-27', '2026-11-27')).toBe(0);
    expect(daysBetween('2026-11-20', '2026-11-27')).toBe(7);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-01-01', '2026-12-25')).toBe(-7);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('decides "today" in the business time zone, not the server zone', () => {
    const lateUtc = new Date('2026-12-31T17:30:00Z');
    expect(businessDate(lateUtc, 'Asia/Shanghai')).toBe('2027-01-01');
    expect(businessDate(lateUtc, 'UTC')).toBe('2026-12-31');
    expect(businessDate(lateUtc, 'America/Los_Angeles')).toBe('2026-12-31');
  });

  it('finds the instant a business day starts', () => {
    expect(startOfBusinessDate('2026-11-27', 'Asia/Shanghai').toISOString()).toBe('2026-11-26T16:00:00.000Z');
    expect(startOfBusinessDate('2026-11-27', 'UTC').toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });

  it('moves an annual date one year on: same day, 29 February to 28 February', () => {
    expect(addYears('2026-11-27', 1)).toBe('2027-11-27');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2027-02-28', 1)).toBe('2028-02-28');
    expect(addYears('2026-12-31', 1)).toBe('2027-12-31');
    expect(addYears('2026-01-31', 1)).toBe('2027-01-31');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });
});
