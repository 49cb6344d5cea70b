import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Adds `n` hits to the key's current window, or starts a new window with them; returns the hit
 * count in it and when it started. One upsert: two requests at once can neither both start a
 * window nor lose a hit.
 */
export async function hit(
  db: Kysely<DB>,
  key: string,
  now: string,
  windowStartedAfter: string,
  n = 1,
): Promise<{ count: number; windowStart: string }> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: n })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const live = eb('rate_limits.window_start', '>', windowStartedAfter);
        return {
          count: eb.case().when(live).then(eb('rate_limits.count', '+', n)).else(eb.lit(n)).end(),
          window_start: eb.case().when(live).then(eb.ref('rate_limits.window_start')).else(now).end(),
        };
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: row.window_start };
}
