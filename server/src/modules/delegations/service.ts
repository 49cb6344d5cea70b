import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { CreateDelegationRequest, Delegation, DelegationQuery } from '../../../../common/schemas/delegations.js';
import { today, type AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import { can, type Actor } from '../../policy/actor.js';
import { customerRights, scopeFor } from '../../policy/scope.js';
import { asVisibleCustomers, lockVisible, type VisibleCustomer } from '../../policy/visible-customer.js';
import { recordAudit } from '../audit/service.js';
import * as repo from './repo.js';

// Delegation (授权, zone 8). The owner — or the admin on the owner's behalf — lends customers
// to another active salesperson, optionally until an end date (inclusive). Whether a grant is
// active is decided by the visibility policy's query on every request. An active grant shows the
// customer live; an ended one its snapshot, kept equal to the customer while the grant was active
// (decision 0013), so that nobody learns through an ended grant what the customer became.

type EndReason = 'revoked' | 'transferred' | 'user_disabled';

function stateOf(row: repo.DelegationWithNames, todayDate: string): Delegation['state'] {
  if (row.end_reason) return row.end_reason;
  if (row.ends_on !== null && row.ends_on < todayDate) return 'lapsed';
  return 'active';
}

function toDelegation(row: repo.DelegationWithNames, todayDate: string, hideCustomer = false): Delegation {
  const state = stateOf(row, todayDate);
  return {
    id: String(row.id),
    customerId: hideCustomer ? null : String(row.customer_id),
    customerName: state === 'active' ? row.live_customer_name : row.customer_name_snapshot,
    fromUserId: String(row.from_user_id),
    fromUserName: row.from_name,
    toUserId: String(row.to_user_id),
    toUserName: row.to_name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    grantedAt: row.granted_at,
    grantedByName: row.granted_by_name,
    endedAt: row.ended_at,
    endedByName: row.ended_by_name,
    state,
  };
}

async function delegateOrRefuse(trx: Kysely<DB>, toUserId: number) {
  const user = await repo.activeSalesperson(trx, toUserId);
  if (!user) throw fieldError('toUserId', { zh: '只能授权给在职的业务员', en: 'grants go to an active salesperson only' });
  return user;
}

const toSelf = () => fieldError('toUserId', { zh: '不能授权给客户的业务员本人', en: 'a customer cannot be granted to its own owner' });

export async function grant(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateDelegationRequest>) {
  const todayDate = today(ctx);
  if (input.endsOn && input.endsOn < todayDate) {
    throw fieldError('endsOn', { zh: '截止日期不能早于今天', en: 'the end date cannot be in the past' });
  }
  const toUserId = Number(input.toUserId);
  const allOwnerId = input.ownerId ? Number(input.ownerId) : actor.id;
  if (input.all && allOwnerId !== actor.id && !can(actor, 'customers.admin')) throw new AppError('forbidden');
  const ids = await ctx.database.db.transaction().execute(async (trx) => {
    const to = await delegateOrRefuse(trx, toUserId);
    if (toUserId === actor.id) throw toSelf();
    const scope = scopeFor(ctx, actor, trx);
    // Each customer is locked (in id order) before its name is copied onto the grant.
    let customers: (VisibleCustomer & { owner_id: number; name: string })[];
    if (input.all) {
      const owned = (await repo.ownedCustomerIds(trx, allOwnerId)).map((c) => c.id);
      const locked = [...(await repo.lockCustomersToGrant(trx, owned))].filter(([, c]) => c.owner_id === allOwnerId);
      // The owner's own customers, or the admin's: every one of them visible to the actor.
      const visible = asVisibleCustomers(locked.map(([id]) => id));
      customers = locked.map(([, c], i) => ({ ...visible[i]!, ...c }));
    } else {
      const ids = [...new Set((input.customerIds ?? []).map(Number))];
      const byId = new Map<number, VisibleCustomer & { owner_id: number; name: string }>();
      for (const id of [...ids].sort((a, b) => a - b)) {
        const row = await lockVisible(trx, scope, id, repo.findGrantableCustomer);
        if (!customerRights(actor, row).canDelegate) throw new AppError('forbidden');
        byId.set(id, row);
      }
      customers = ids.map((id) => byId.get(id)!);
    }
    const now = ctx.clock.now().toISOString();
    const made: number[] = [];
    for (const c of customers) {
      if (c.owner_id === toUserId) throw toSelf();
      const existing = await repo.findActiveGrant(trx, c.id, toUserId, todayDate);
      if (existing) {
        // Granting again to the same person moves the end date instead of stacking grants.
        if (existing.ends_on !== (input.endsOn ?? null)) {
          await repo.setEndsOn(trx, c, existing.id, input.endsOn ?? null);
          await recordAudit(trx, ctx, actor, {
            entity: 'delegation', entityId: existing.id, customerId: c.id, action: 'extended',
            changes: [{ field: 'endsOn', old: existing.ends_on, new: input.endsOn ?? null }],
          });
        }
        made.push(existing.id);
        continue;
      }
      const id = await repo.insertDelegation(trx, c, {
        from_user_id: c.owner_id, to_user_id: toUserId, starts_on: todayDate,
        ends_on: input.endsOn ?? null, granted_by: actor.id || null, granted_at: now,
        ended_at: null, ended_by: null, end_reason: null, customer_name_snapshot: c.name,
      });
      await recordAudit(trx, ctx, actor, {
        entity: 'delegation', entityId: id, customerId: c.id, action: 'granted',
        changes: [
          { field: 'delegate', old: null, new: to.display_name },
          { field: 'endsOn', old: null, new: input.endsOn ?? null },
        ],
      });
      made.push(id);
    }
    return made;
  });
  const items = [];
  for (const id of ids) {
    const row = await repo.findDelegation(ctx.database.db, id);
    if (row) items.push(toDelegation(row, todayDate));
  }
  return { items };
}

export async function listDelegations(ctx: AppContext, actor: Actor, query: z.infer<typeof DelegationQuery>) {
  const todayDate = today(ctx);
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = query.page ?? 1;
  const direction = query.direction ?? (can(actor, 'customers.admin') ? undefined : 'given');
  const filter: repo.ListFilter = { state: query.state };
  if (direction === 'given') filter.fromUserId = actor.id;
  if (direction === 'received') filter.toUserId = actor.id;
  const { db } = ctx.database;
  const [rows, total] = await Promise.all([
    repo.listDelegations(db, filter, todayDate, pageSize, (page - 1) * pageSize),
    repo.countDelegations(db, filter, todayDate),
  ]);
  // A received grant that is no longer active shows nothing of the customer but its name.
  const items = rows.map((r) => {
    const isReceived = r.to_user_id === actor.id && !can(actor, 'customers.admin');
    return toDelegation(r, todayDate, isReceived && stateOf(r, todayDate) !== 'active');
  });
  return { items, total, totalExact: true, page, pageSize, nextCursor: null };
}

/** The delegation tab of one customer (zone 8): every grant, with its history. */
export async function customerDelegations(ctx: AppContext, actor: Actor, customerId: number) {
  const scope = scopeFor(ctx, actor);
  if (!(await repo.findGrantableCustomer(scope, customerId))) throw new AppError('not_found');
  const rows = await repo.listDelegations(ctx.database.db, { customerId }, scope.today, 500, 0);
  return { items: rows.map((r) => toDelegation(r, scope.today)), total: rows.length, totalExact: true, page: 1, pageSize: 500, nextCursor: null };
}

async function endWithLog(trx: Kysely<DB>, ctx: AppContext, actor: Actor, grants: { id: number; customer_id: number; to_name: string }[], reason: EndReason) {
  if (grants.length === 0) return;
  const ended = await repo.endDelegations(trx, grants.map((g) => g.id), ctx.clock.now().toISOString(), actor.id || null, reason);
  for (const g of grants.filter((x) => ended.has(x.id))) {
    await recordAudit(trx, ctx, actor, {
      entity: 'delegation', entityId: g.id, customerId: g.customer_id, action: reason,
      changes: [{ field: 'delegate', old: g.to_name, new: null }],
    });
  }
}

export async function revoke(ctx: AppContext, actor: Actor, id: number) {
  const todayDate = today(ctx);
  await ctx.database.db.transaction().execute(async (trx) => {
    const found = await repo.findDelegation(trx, id);
    if (!found) throw new AppError('not_found');
    // The customer locked first, then the grant read again as the last writer left it.
    const customer = await lockVisible(trx, scopeFor(ctx, actor, trx), found.customer_id, repo.findGrantableCustomer);
    const row = await repo.findDelegation(trx, id);
    if (!row) throw new AppError('not_found');
    if (!customerRights(actor, customer).canDelegate) throw new AppError('forbidden');
    if (stateOf(row, todayDate) !== 'active') throw new AppError('invalid_transition');
    await endWithLog(trx, ctx, actor, [{ id, customer_id: row.customer_id, to_name: row.to_name }], 'revoked');
  });
  const row = await repo.findDelegation(ctx.database.db, id);
  return toDelegation(row!, todayDate);
}

/** 收回授权 from one person at once: every active grant of the owner's customers to them. */
export async function revokeAll(ctx: AppContext, actor: Actor, input: { toUserId: string; fromUserId?: string | undefined }) {
  const fromUserId = input.fromUserId ? Number(input.fromUserId) : actor.id;
  if (fromUserId !== actor.id && !can(actor, 'customers.admin')) throw new AppError('forbidden');
  if (!can(actor, 'customers.use')) throw new AppError('forbidden');
  return ctx.database.db.transaction().execute(async (trx) => {
    const grants = await repo.activeGrants(trx, today(ctx), { fromUserId, toUserId: Number(input.toUserId) });
    await endWithLog(trx, ctx, actor, grants, 'revoked');
    return { revoked: grants.length };
  });
}

/**
 * A rename reaches the customer's active grants only: inside the rename's transaction, after
 * any change of owner in the same edit has ended the grants, which keep the name from before.
 */
export async function renameInActiveGrants(trx: Kysely<DB>, ctx: AppContext, customerId: number, name: string) {
  await repo.renameInActiveGrants(trx, customerId, name, today(ctx));
}

/** A customer changing owner ends its grants (inside the transfer's transaction). */
export async function endGrantsOfCustomers(trx: Kysely<DB>, ctx: AppContext, actor: Actor, customerIds: number[]) {
  for (let i = 0; i < customerIds.length; i += 500) {
    const grants = await repo.activeGrants(trx, today(ctx), { customerIds: customerIds.slice(i, i + 500) });
    await endWithLog(trx, ctx, actor, grants, 'transferred');
  }
}

/** A disabled user holds no grants any more. */
export async function endGrantsHeldBy(trx: Kysely<DB>, ctx: AppContext, actor: Actor, userId: number) {
  await endWithLog(trx, ctx, actor, await repo.activeGrants(trx, today(ctx), { toUserId: userId }), 'user_disabled');
}
