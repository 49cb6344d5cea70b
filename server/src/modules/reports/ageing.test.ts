import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates.js';
import { ageingBounds, bucketOf } from './ageing.js';

describe('ageing buckets', () => {
  const today = '2026-11-27';
  const bounds = ageingBounds(today);
  const at = (daysAgo: number) => bucketOf(addDays(today, -daysAgo), bounds);
  it('puts each age at the bucket boundaries where a person expects it', () => {
    expect(at(0)).toBe('d0to30');
    expect(at(30)).toBe('d0to30');
    expect(at(31)).toBe('d31to60');
    expect(at(60)).toBe('d31to60');
    expect(at(61)).toBe('d61to90');
    expect(at(90)).toBe('d61to90');
    expect(at(91)).toBe('over90');
    expect(at(400)).toBe('over90');
  });
});
