import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { can, type Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import { visibleStatusCounts } from '../customers/service.js';
import * as repo from './repo.js';

// Customer statuses (zone 1). Everyone reads them with counts of the customers *they* may
// see; the admin renames, adds, reorders and deletes (not while any customer has the status).

function assertAdmin(actor: Actor) {
  if (!can(actor, 'customers.admin')) throw new AppError('forbidden');
}

const nameTaken = () => fieldError('name', { zh: '已有同名的客户状态', en: 'a status with this name exists' });

export async function listStatusesWithCounts(ctx: AppContext, actor: Actor) {
  const { db } = ctx.database;
  const [rows, counts] = await Promise.all([repo.listStatuses(db), visibleStatusCounts(ctx, actor)]);
  return rows.map((r) => ({ id: String(r.id), name: r.name, sortOrder: r.sort_order, customerCount: counts.get(r.id) ?? 0 }));
}

async function statusById(ctx: AppContext, actor: Actor, id: number) {
  const found = (await listStatusesWithCounts(ctx, actor)).find((s) => s.id === String(id));
  if (!found) throw new AppError('not_found');
  return found;
}

export async function statusExists(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await repo.findStatus(db, id)) !== undefined;
}

export async function createStatus(ctx: AppContext, actor: Actor, name: string) {
  assertAdmin(actor);
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    if (await repo.findStatusByName(trx, name)) throw nameTaken();
    const sortOrder = (await repo.maxSortOrder(trx)) + 10;
    const newId = await repo.insertStatus(trx, name, sortOrder, ctx.clock.now().toISOString());
    await recordAudit(trx, ctx, actor, { entity: 'customer_status', entityId: newId, action: 'created', changes: [{ field: 'name', old: null, new: name }] });
    return newId;
  });
  return statusById(ctx, actor, id);
}

export async function updateStatus(ctx: AppContext, actor: Actor, id: number, input: { name?: string | undefined; sortOrder?: number | undefined }) {
  assertAdmin(actor);
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await repo.findStatus(trx, id);
    if (!before) throw new AppError('not_found');
    const changes: { name?: string; sort_order?: number } = {};
    const logged = [];
    if (input.name !== undefined && input.name !== before.name) {
      const other = await repo.findStatusByName(trx, input.name);
      if (other && other.id !== id) throw nameTaken();
      changes.name = input.name;
      logged.push({ field: 'name', old: before.name, new: input.name });
    }
    if (input.sortOrder !== undefined && input.sortOrder !== before.sort_order) {
      changes.sort_order = input.sortOrder;
      logged.push({ field: 'sortOrder', old: before.sort_order, new: input.sortOrder });
    }
    if (logged.length === 0) return;
    await repo.updateStatus(trx, id, changes);
    await recordAudit(trx, ctx, actor, { entity: 'customer_status', entityId: id, action: 'updated', changes: logged });
  });
  return statusById(ctx, actor, id);
}

export async function deleteStatus(ctx: AppContext, actor: Actor, id: number) {
  assertAdmin(actor);
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await repo.findStatus(trx, id);
    if (!before) throw new AppError('not_found');
    if (await repo.isStatusInUse(trx, id)) throw new AppError('in_use', { reason: 'customers_have_status' });
    await repo.deleteStatus(trx, id);
    await recordAudit(trx, ctx, actor, { entity: 'customer_status', entityId: id, action: 'deleted', changes: [{ field: 'name', old: before.name, new: null }] });
  });
}
