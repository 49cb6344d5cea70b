import type { AppContext } from '../../context.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { businessDate } from '../../lib/clock.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import * as repo from './tokens-repo.js';

// Personal API tokens: `Authorization: Bearer kehu_…` acts exactly as its user — same policy,
// same rights — until it is revoked, expires (inclusive end date) or the user is disabled.

const PREFIX = 'kehu_';
/** last_used_at is written at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

function toToken(r: repo.TokenRow) {
  return {
    id: String(r.id), name: r.name, prefix: r.prefix, expiresOn: r.expires_on, createdAt: r.created_at,
    lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
  };
}

export async function createToken(ctx: AppContext, actor: Actor, input: { name: string; expiresOn?: string | null | undefined }) {
  const today = businessDate(ctx.clock.now(), ctx.config.timeZone);
  if (input.expiresOn && input.expiresOn < today) {
    throw fieldError('expiresOn', { zh: '过期日期不能早于今天', en: 'the expiry cannot be in the past' });
  }
  const token = `${PREFIX}${newToken()}`;
  const now = ctx.clock.now().toISOString();
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const newId = await repo.insertToken(trx, {
      user_id: actor.id, name: input.name, token_hash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6),
      expires_on: input.expiresOn ?? null, created_at: now, last_used_at: null, revoked_at: null,
    });
    await recordAudit(trx, ctx, actor, { entity: 'api_token', entityId: newId, action: 'created', changes: [{ field: 'name', old: null, new: input.name }] });
    return newId;
  });
  const row = await repo.findToken(ctx.database.db, actor.id, id);
  return { ...toToken(row!), token };
}

export async function listTokens(ctx: AppContext, actor: Actor) {
  return { items: (await repo.listTokens(ctx.database.db, actor.id)).map(toToken) };
}

export async function revokeToken(ctx: AppContext, actor: Actor, id: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await repo.findToken(trx, actor.id, id);
    if (!row) throw new AppError('not_found');
    if (row.revoked_at) return;
    await repo.revoke(trx, id, ctx.clock.now().toISOString());
    await recordAudit(trx, ctx, actor, { entity: 'api_token', entityId: id, action: 'revoked', changes: [{ field: 'name', old: row.name, new: null }] });
  });
}

/** The actor behind a bearer token, or null. */
export async function authenticateToken(ctx: AppContext, token: string): Promise<Actor | null> {
  if (!token.startsWith(PREFIX)) return null;
  const row = await repo.findByHash(ctx.database.db, hashToken(token));
  if (!row || row.revoked_at || !row.active) return null;
  const now = ctx.clock.now();
  if (row.expires_on && row.expires_on < businessDate(now, ctx.config.timeZone)) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
    await repo.touch(ctx.database.db, row.id, now.toISOString());
  }
  return { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role };
}
