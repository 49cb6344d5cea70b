import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Adds one hit to the key's current window; returns the hit count in that window. */
export async function hit(db: Kysely<DB>, key: string, now: string, windowStartedAfter: string): Promise<number> {
  const row = await db
    .updateTable('rate_limits')
    .set((eb) => ({ count: eb('count', '+', 1) }))
    .where('key', '=', key)
    .where('window_start', '>', windowStartedAfter)
    .returning('count')
    .executeTakeFirst();
  if (row) return Number(row.count);
  await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet({ window_start: now, count: 1 }))
    .execute();
  return 1;
}
