import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { deleteUserSessions } from './repo.js';

/** Ends every session of a user (disabled, or password reset by the admin), inside the caller's transaction. */
export async function endUserSessions(trx: Kysely<DB>, userId: number): Promise<void> {
  await deleteUserSessions(trx, userId);
}
