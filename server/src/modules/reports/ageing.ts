import { addDays } from '../../lib/dates.js';

// Ageing of money owed, by days since the purchase date: 0–30, 31–60, 61–90, over 90.
// A purchase made `today - 30` is 30 days old (first bucket); `today - 31` is in the second.

export interface AgeingBounds {
  /** Purchases on or after this date are 0–30 days old. */
  from30: string;
  from60: string;
  from90: string;
}

export function ageingBounds(today: string): AgeingBounds {
  return { from30: addDays(today, -30), from60: addDays(today, -60), from90: addDays(today, -90) };
}

export type Bucket = 'd0to30' | 'd31to60' | 'd61to90' | 'over90';

export function bucketOf(purchasedOn: string, bounds: AgeingBounds): Bucket {
  if (purchasedOn >= bounds.from30) return 'd0to30';
  if (purchasedOn >= bounds.from60) return 'd31to60';
  if (purchasedOn >= bounds.from90) return 'd61to90';
  return 'over90';
}
