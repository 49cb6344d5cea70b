import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Adds one hit to the key's current window, or starts a new window; returns the hit count in
 * it. One upsert: two requests at once can neither both start a window nor lose a hit.
 */
export async function hit(db: Kysely<DB>, key: string, now: string, windowStartedAfter: string): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const live = eb('rate_limits.window_start', '>', windowStartedAfter);
        return {
          count: eb.case().when(live).then(eb('rate_limits.count', '+', 1)).else(eb.lit(1)).end(),
          window_start: eb.case().when(live).then(eb.ref('rate_limits.window_start')).else(now).end(),
        };
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
