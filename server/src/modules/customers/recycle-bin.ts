import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { recycleBinScope } from '../../policy/scope.js';
import { recordAudit } from '../audit/service.js';
import { toCustomer } from './mapper.js';
import * as repo from './repo.js';

// The recycle bin (回收站): deleted customers stay, with everything under them, until the
// admin restores them. Only the admin browses it.

function binFor(ctx: AppContext, actor: Actor) {
  const bin = recycleBinScope(ctx.database.db, actor);
  if (!bin) throw new AppError('forbidden');
  return bin;
}

export async function listRecycleBin(ctx: AppContext, actor: Actor, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  const bin = binFor(ctx, actor);
  const [rows, total] = await Promise.all([repo.listDeleted(bin.db, pageSize, (page - 1) * pageSize), repo.countDeleted(bin.db)]);
  return { items: rows.map((r) => toCustomer(r)), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function restoreCustomer(ctx: AppContext, actor: Actor, id: number) {
  const bin = binFor(ctx, actor);
  await bin.db.transaction().execute(async (trx) => {
    const row = await repo.findDeletedForUpdate(trx, id);
    if (!row) throw new AppError('not_found');
    await repo.setDeleted(trx, id, null, null, ctx.clock.now().toISOString());
    await repo.adjustCount(trx, row.owner_id, row.status_id, 1);
    await recordAudit(trx, ctx, actor, { entity: 'customer', entityId: id, customerId: id, action: 'restored' });
  });
}
