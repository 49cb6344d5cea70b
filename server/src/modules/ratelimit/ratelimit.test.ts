import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/harness.js';

// The per-user limit on live duplicate checks is one atomic upsert: a burst of simultaneous
// checks gets exactly the limit answered and the rest refused, also when the burst opens a window.

const LIMIT = 5;

describeEachDb(
  'rate limit under a burst',
  (get) => {
    it('answers exactly the limit of simultaneous duplicate checks, whether the burst opens the window or not', async () => {
      const t = get();
      const sales = await t.sessionFor('sales');
      const burst = async (n: number) => {
        const replies = await Promise.all(Array.from({ length: n }, (_, i) => t.get(`/api/customers/duplicates?keyword=${encodeURIComponent(`限流${i}`)}`, sales)));
        return replies.map((r) => r.status);
      };
      const first = await burst(20);
      expect(first.filter((s) => s !== 200 && s !== 429)).toEqual([]);
      expect(first.filter((s) => s === 200)).toHaveLength(LIMIT);
      // A new window: the one before has passed.
      t.clock.advance(61_000);
      const second = await burst(20);
      expect(second.filter((s) => s === 200)).toHaveLength(LIMIT);
    });
  },
  { config: { duplicateChecksPerMinute: LIMIT } },
);
