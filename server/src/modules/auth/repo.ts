import { sql, type Kysely } from 'kysely';
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

export interface ThrottleRow {
  failures: number;
  window_started_at: string;
  blocked_until: string | null;
}

export async function getThrottle(db: Kysely<DB>, keys: string[]) {
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

/**
 * Counts one attempt on the key — and blocks the key from the threshold on — unless it is blocked
 * now, in one statement, so that parallel attempts (in any process) cannot all pass the check.
 * Returns the row as counted, or undefined when the key is blocked (nothing changed then).
 * `untilByCount` lists, highest count first, the block that counting up to that count sets.
 */
export async function countAttempt(
  db: Kysely<DB>,
  key: string,
  at: { now: string; windowStartedAfter: string },
  untilByCount: Array<{ from: number; until: string }>,
): Promise<ThrottleRow | undefined> {
  const firstBlock = untilByCount.find((b) => b.from <= 1)?.until ?? null;
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: at.now, blocked_until: firstBlock })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => {
          const isWindowLive = eb('login_throttle.window_started_at', '>', at.windowStartedAfter);
          const counted = eb.case().when(isWindowLive).then(eb('login_throttle.failures', '+', 1)).else(eb.lit(1)).end();
          const blocks = untilByCount.map((b) => sql`when ${counted} >= ${b.from} then ${b.until}`);
          return {
            failures: counted,
            window_started_at: eb.case().when(isWindowLive).then(eb.ref('login_throttle.window_started_at')).else(at.now).end(),
            blocked_until: sql<string | null>`case ${sql.join(blocks, sql` `)} else null end`,
          };
        })
        .where((eb) => eb.or([eb('login_throttle.blocked_until', 'is', null), eb('login_throttle.blocked_until', '<=', at.now)])),
    )
    .returning(['failures', 'window_started_at', 'blocked_until'])
    .executeTakeFirst();
  return row ? { ...row, failures: Number(row.failures) } : undefined;
}

/**
 * Takes back one counted attempt that turned out right, and the block it set, if the key is still
 * in the same window and nobody has blocked it anew since.
 */
export async function uncountAttempt(db: Kysely<DB>, key: string, counted: ThrottleRow) {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({
      failures: eb('failures', '-', 1),
      blocked_until: eb.case().when('blocked_until', '=', counted.blocked_until).then(null).else(eb.ref('blocked_until')).end(),
    }))
    .where('key', '=', key)
    .where('window_started_at', '=', counted.window_started_at)
    .where('failures', '>', 0)
    .execute();
}

export async function clearThrottle(db: Kysely<DB>, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
