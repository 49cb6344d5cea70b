import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Claims first-run setup; throws a unique violation if another request already did. */
export async function claimSetup(db: Kysely<DB>, at: string): Promise<void> {
  await db.insertInto('app_meta').values({ key: 'setup', value: at }).execute();
}

export async function isSetupClaimed(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('app_meta').select('key').where('key', '=', 'setup').executeTakeFirst();
  return row !== undefined;
}
