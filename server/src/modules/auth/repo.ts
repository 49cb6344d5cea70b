import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function findSessionWithUser(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.created_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.active',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function insertSession(
  db: Kysely<DB>,
  row: { token_hash: string; user_id: number; created_at: string; ip: string; user_agent: string },
) {
  await db
    .insertInto('sessions')
    .values({ ...row, last_seen_at: row.created_at })
    .execute();
}

export async function touchSession(db: Kysely<DB>, sessionId: number, at: string) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Kysely<DB>, sessionId: number) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionByTokenHash(db: Kysely<DB>, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a user, except optionally the one making the request. */
export async function deleteUserSessions(db: Kysely<DB>, userId: number, exceptSessionId?: number) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId !== undefined) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

export async function deleteSessionsIdleSince(db: Kysely<DB>, lastSeenBefore: string) {
  await db.deleteFrom('sessions').where('last_seen_at', '<', lastSeenBefore).execute();
}

// --- login throttle ---------------------------------------------------------------------

export async function getThrottle(db: Kysely<DB>, keys: string[]) {
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

/** Adds one failure inside the current window; returns the new count, or null if no live window. */
export async function incrementFailures(db: Kysely<DB>, key: string, windowStartedAfter: string) {
  const row = await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '+', 1) }))
    .where('key', '=', key)
    .where('window_started_at', '>', windowStartedAfter)
    .returning('failures')
    .executeTakeFirst();
  return row ? Number(row.failures) : null;
}

export async function startWindow(db: Kysely<DB>, key: string, at: string) {
  await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: at, blocked_until: null })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: 1, window_started_at: at, blocked_until: null }))
    .execute();
}

export async function setBlockedUntil(db: Kysely<DB>, key: string, until: string) {
  await db.updateTable('login_throttle').set({ blocked_until: until }).where('key', '=', key).execute();
}

export async function clearThrottle(db: Kysely<DB>, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
