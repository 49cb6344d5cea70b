import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { CreateUserRequest, UpdateUserRequest, User, UserListQuery } from '../../../../common/schemas/users.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../lib/app-error.js';
import { hashPassword } from '../../lib/passwords.js';
import { DEFAULT_PAGE_SIZE, type Page } from '../../lib/paging.js';
import { can, type Actor } from '../../policy/actor.js';
import { recordAudit, diffChanges } from '../audit/service.js';
import { endUserSessions } from '../auth/sessions.js';
import { endGrantsHeldBy } from '../delegations/service.js';
import * as repo from './repo.js';

// Staff management (人员管理). Only the admin manages; everyone else sees active colleagues'
// id, name and role (to pick an owner or a delegate).

function toUser(row: repo.UserRow): User {
  return {
    id: String(row.id),
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    phone: row.phone,
    email: row.email,
    department: row.department,
    active: row.active === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

function assertManager(actor: Actor) {
  if (!can(actor, 'users.manage')) throw new AppError('forbidden');
}

export async function listUsers(ctx: AppContext, actor: Actor, query: z.infer<typeof UserListQuery>) {
  const { db } = ctx.database;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = query.page ?? 1;
  if (!can(actor, 'users.readAll')) {
    const rows = await repo.listActiveUserSummaries(db);
    const items = rows.map((r) => ({ id: String(r.id), displayName: r.display_name, role: r.role }));
    return { items, total: items.length, totalExact: true, page: 1, pageSize: items.length, nextCursor: null };
  }
  const filter = {
    q: query.q || undefined,
    role: query.role,
    active: query.active === undefined ? undefined : query.active === 'true',
  };
  const [rows, total] = await Promise.all([
    repo.listUsers(db, filter, query.sort ?? 'username', query.order ?? 'asc', pageSize, (page - 1) * pageSize),
    repo.countFilteredUsers(db, filter),
  ]);
  const result: Page<User> = { items: rows.map(toUser), total, totalExact: true, page, pageSize, nextCursor: null };
  return result;
}

export async function getUser(ctx: AppContext, actor: Actor, id: number): Promise<User> {
  assertManager(actor);
  const row = await repo.findUserById(ctx.database.db, id);
  if (!row) throw new AppError('not_found');
  return toUser(row);
}

/** A user's record, any role or state, inside the caller's transaction. */
export function findUserRecord(db: Kysely<DB>, id: number) {
  return repo.findUserById(db, id);
}

/** Every user's id and display name, disabled users too: an owner named in an import's log may have left since. */
export function listUserNames(db: Kysely<DB>) {
  return repo.listUserNames(db);
}

/** Creates a user inside an open transaction (used by setup and the CLI as well). */
export async function insertUserRecord(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateUserRequest>,
): Promise<number> {
  const usernameNorm = input.username.toLowerCase();
  if (await repo.findUserByUsername(trx, usernameNorm)) {
    throw new AppError('already_exists', { fields: { username: { zh: '用户名已被使用', en: 'this username is taken' } } });
  }
  const now = ctx.clock.now().toISOString();
  const hash = await hashPassword(input.password, ctx.config.scryptN);
  const id = await repo.insertUser(trx, {
    username: input.username,
    username_norm: usernameNorm,
    display_name: input.displayName,
    role: input.role,
    password_hash: hash,
    phone: input.phone ?? '',
    email: input.email ?? '',
    department: input.department ?? '',
    active: 1,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(trx, ctx, actor, {
    entity: 'user',
    entityId: id,
    action: 'created',
    changes: [
      { field: 'username', old: null, new: input.username },
      { field: 'displayName', old: null, new: input.displayName },
      { field: 'role', old: null, new: input.role },
    ],
  });
  return id;
}

export async function createUser(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateUserRequest>) {
  assertManager(actor);
  const id = await ctx.database.db.transaction().execute((trx) => insertUserRecord(trx, ctx, actor, input));
  return getUser(ctx, actor, id);
}

export async function updateUser(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof UpdateUserRequest>) {
  assertManager(actor);
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await repo.findUserById(trx, id);
    if (!before) throw new AppError('not_found');
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const after = {
      display_name: input.displayName ?? before.display_name,
      role: input.role ?? before.role,
      phone: input.phone ?? before.phone,
      email: input.email ?? before.email,
      department: input.department ?? before.department,
      active: input.active === undefined ? before.active : input.active ? 1 : 0,
    };
    const losesAdmin = before.role === 'admin' && before.active === 1 && (after.role !== 'admin' || after.active !== 1);
    if (losesAdmin) {
      if (before.id === actor.id) throw new AppError('last_admin');
      // Serialise concurrent demotions on PostgreSQL: lock the admin rows before counting.
      await repo.lockActiveAdmins(trx);
      if ((await repo.countActiveAdmins(trx)) <= 1) throw new AppError('last_admin');
    }
    if (!(await repo.updateUser(trx, id, input.version, after, ctx.clock.now().toISOString()))) {
      throw new AppError('stale_version');
    }
    const changes = diffChanges(
      { displayName: before.display_name, role: before.role, phone: before.phone, email: before.email, department: before.department, active: before.active === 1 },
      { displayName: after.display_name, role: after.role, phone: after.phone, email: after.email, department: after.department, active: after.active === 1 },
      ['displayName', 'role', 'phone', 'email', 'department', 'active'],
    );
    const action = before.active === 1 && after.active === 0 ? 'disabled' : before.active === 0 && after.active === 1 ? 'enabled' : 'updated';
    await recordAudit(trx, ctx, actor, { entity: 'user', entityId: id, action, changes });
    // A disabled user is logged out everywhere at once.
    if (after.active === 0 && before.active === 1) {
      await endUserSessions(trx, id);
      await endGrantsHeldBy(trx, ctx, actor, id);
    }
  });
  return getUser(ctx, actor, id);
}

export async function resetPassword(ctx: AppContext, actor: Actor, id: number, password: string) {
  assertManager(actor);
  const hash = await hashPassword(password, ctx.config.scryptN);
  await ctx.database.db.transaction().execute(async (trx) => {
    const user = await repo.findUserById(trx, id);
    if (!user) throw new AppError('not_found');
    await repo.setPasswordHash(trx, id, hash, ctx.clock.now().toISOString());
    await endUserSessions(trx, id);
    await recordAudit(trx, ctx, actor, { entity: 'user', entityId: id, action: 'password_reset' });
  });
}

// --- for the auth module ------------------------------------------------------------------

export function findLoginCandidate(ctx: AppContext, usernameNorm: string) {
  return repo.findUserForLogin(ctx.database.db, usernameNorm);
}

export function findPasswordHash(ctx: AppContext, userId: number) {
  return repo.findUserPasswordHash(ctx.database.db, userId);
}

export const setPasswordHash = repo.setPasswordHash;
export const markLoggedIn = repo.markLoggedIn;

export function isSetupNeeded(ctx: AppContext): Promise<boolean> {
  return repo.countUsers(ctx.database.db).then((n) => n === 0);
}

export function findUserIdByUsername(ctx: AppContext, username: string) {
  return repo.findUserByUsername(ctx.database.db, username.trim().toLowerCase());
}

/** An active user who may own customers (admin or salesperson), or undefined. */
export async function findOwnerCandidate(db: Kysely<DB>, id: number) {
  return repo.findOwnerCandidate(db, id);
}
