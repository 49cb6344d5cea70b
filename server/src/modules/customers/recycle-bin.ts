import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import { can, type Actor } from '../../policy/actor.js';
import { toCustomer } from './mapper.js';
import * as repo from './repo.js';
import * as writer from './writer.js';

// The recycle bin (回收站): deleted customers stay, with everything under them, until the
// admin restores them. Only the admin browses it.

function assertBinKeeper(actor: Actor) {
  if (!can(actor, 'customers.admin')) throw new AppError('forbidden');
}

export async function listRecycleBin(ctx: AppContext, actor: Actor, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  assertBinKeeper(actor);
  const { db } = ctx.database;
  const [rows, total] = await Promise.all([repo.listDeleted(db, pageSize, (page - 1) * pageSize), repo.countDeleted(db)]);
  return { items: rows.map((r) => toCustomer(r)), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function restoreCustomer(ctx: AppContext, actor: Actor, id: number) {
  assertBinKeeper(actor);
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await repo.findDeletedForUpdate(trx, id);
    if (!row) throw new AppError('not_found');
    // A merged customer's records belong to the one it was merged into now.
    if (row.merged_into_id !== null) throw new AppError('merged');
    await writer.restoreCustomer(trx, ctx, actor, row);
  });
}

/**
 * A customer in the recycle bin, for the admin only (a merge tells "in the bin" from "no such
 * customer"); locked when `lock`, as the merge locks its pair. Undefined when not in the bin.
 */
export async function findInRecycleBin(db: Kysely<DB>, actor: Actor, id: number, lock: boolean) {
  assertBinKeeper(actor);
  return lock ? repo.findDeletedForUpdate(db, id) : repo.findDeleted(db, id);
}
