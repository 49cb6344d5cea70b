import type { AppContext } from '../../context.js';
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
    await writer.restoreCustomer(trx, ctx, actor, row);
  });
}
