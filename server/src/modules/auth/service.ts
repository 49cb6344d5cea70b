import type { AppContext } from '../../context.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import { findLoginCandidate, findPasswordHash, markLoggedIn, setPasswordHash } from '../users/service.js';
import * as repo from './repo.js';
import { assertNotThrottled, clearAttempts, countAttempts, recordFailure, takeBackAttempt, throttleKeys } from './throttle.js';
import { authenticateToken } from './tokens.js';

/** last_seen_at is written at most this often, so reads do not all become writes. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/** The actor behind a session token, or null if the token is unknown, expired or its user disabled. */
export async function authenticateSession(ctx: AppContext, token: string) {
  const { db } = ctx.database;
  const row = await repo.findSessionWithUser(db, hashToken(token));
  if (!row) return null;
  const now = ctx.clock.now().getTime();
  const idle = now - Date.parse(row.last_seen_at) > ctx.config.sessionIdleMs;
  const tooOld = now - Date.parse(row.created_at) > ctx.config.sessionAbsoluteMs;
  if (idle || tooOld || !row.active) {
    await repo.deleteSession(db, row.session_id);
    return null;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    await repo.touchSession(db, row.session_id, new Date(now).toISOString());
  }
  const actor: Actor = { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role };
  return { actor, sessionId: row.session_id };
}

/** Starts a new session; the old one of this client (if any) is ended: tokens rotate on login. */
export async function startSession(ctx: AppContext, userId: number, client: ClientInfo, previousToken?: string) {
  const { db } = ctx.database;
  const token = newToken();
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    if (previousToken) await repo.deleteSessionByTokenHash(trx, hashToken(previousToken));
    await repo.insertSession(trx, {
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      ip: client.ip.slice(0, 64),
      user_agent: client.userAgent.slice(0, 300),
    });
    await markLoggedIn(trx, userId, now.toISOString());
    // Housekeeping: sessions idle past the limit can never be used again.
    await repo.deleteSessionsIdleSince(trx, new Date(now.getTime() - ctx.config.sessionIdleMs).toISOString());
  });
  return token;
}

export async function login(
  ctx: AppContext,
  input: { username: string; password: string },
  client: ClientInfo,
  previousToken?: string,
) {
  const { userKey, ipKey } = throttleKeys(input.username, client.ip);
  const { maxFailuresPerUser, maxFailuresPerIp } = ctx.config.login;
  // Counted as a failure up front; a right password takes it back below.
  const [userAttempt, ipAttempt] = await countAttempts(ctx, [
    { key: userKey, threshold: maxFailuresPerUser },
    { key: ipKey, threshold: maxFailuresPerIp },
  ]);
  const user = await findLoginCandidate(ctx, input.username.trim().toLowerCase());
  // Unknown users are checked against a dummy hash so both answers take the same time.
  const isPasswordRight = await verifyPassword(input.password, user?.password_hash ?? ctx.dummyPasswordHash);
  if (!user || !isPasswordRight || !user.active) throw new AppError('invalid_credentials');
  await clearAttempts(ctx, userAttempt!);
  await takeBackAttempt(ctx, ipAttempt!);
  const token = await startSession(ctx, user.id, client, previousToken);
  const me = { id: String(user.id), username: user.username, displayName: user.display_name, role: user.role };
  return { token, user: me };
}

export async function logout(ctx: AppContext, token: string | undefined) {
  if (token) await repo.deleteSessionByTokenHash(ctx.database.db, hashToken(token));
}

/** Changes one's own password; every other session of the user ends. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  sessionId: number | null,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
) {
  const { db } = ctx.database;
  const { userKey } = throttleKeys(actor.username, client.ip);
  const [attempt] = await countAttempts(ctx, [{ key: userKey, threshold: ctx.config.login.maxFailuresPerUser }]);
  const stored = await findPasswordHash(ctx, actor.id);
  if (!stored || !(await verifyPassword(input.currentPassword, stored))) {
    throw fieldError('currentPassword', { zh: '当前密码不正确', en: 'the current password is wrong' });
  }
  await takeBackAttempt(ctx, attempt!);
  const hash = await hashPassword(input.newPassword, ctx.config.scryptN);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, actor.id, hash, ctx.clock.now().toISOString());
    await repo.deleteUserSessions(trx, actor.id, sessionId ?? undefined);
    await recordAudit(trx, ctx, actor, { entity: 'user', entityId: actor.id, action: 'password_changed' });
  });
}

/**
 * A bearer token's actor. A wrong token counts as a failed login for the client's IP, so
 * tokens cannot be guessed faster than passwords; a blocked IP gets 429.
 */
export async function authenticateBearer(ctx: AppContext, token: string, ip: string): Promise<Actor | null> {
  const { ipKey } = throttleKeys('', ip);
  await assertNotThrottled(ctx, [ipKey]);
  const actor = await authenticateToken(ctx, token);
  if (!actor) await recordFailure(ctx, ipKey, ctx.config.login.maxFailuresPerIp);
  return actor;
}
