import type { AppContext } from '../../context.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import type { Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import { endGrantsOfCustomers } from '../delegations/service.js';
import { findOwnerCandidate } from '../users/service.js';
import * as repo from './repo.js';

// A leaver's hand-over: the admin moves one, several or all customers of one user to another.

export async function transferCustomers(
  ctx: AppContext,
  actor: Actor,
  fromUserId: number,
  input: { toUserId: string; customerIds?: string[] | undefined },
): Promise<{ moved: number }> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const toUserId = Number(input.toUserId);
  return ctx.database.db.transaction().execute(async (trx) => {
    const from = await trx.selectFrom('users').select(['id', 'display_name']).where('id', '=', fromUserId).executeTakeFirst();
    if (!from) throw new AppError('not_found');
    const to = await findOwnerCandidate(trx, toUserId);
    if (!to || toUserId === fromUserId) {
      throw fieldError('toUserId', { zh: '请选择另一位有效的业务员', en: 'choose another active salesperson' });
    }
    const rows = await repo.lockOwnedCustomers(trx, fromUserId, input.customerIds?.map(Number));
    if (rows.length === 0) return { moved: 0 };
    const ids = rows.map((r) => r.id);
    await repo.setOwner(trx, ids, toUserId, ctx.clock.now().toISOString());
    await endGrantsOfCustomers(trx, ctx, actor, ids);
    await repo.moveCounts(trx, rows, fromUserId, toUserId);
    for (const id of ids) {
      await recordAudit(trx, ctx, actor, {
        entity: 'customer',
        entityId: id,
        customerId: id,
        action: 'transferred',
        changes: [{ field: 'owner', old: from.display_name, new: to.display_name }],
      });
    }
    return { moved: ids.length };
  });
}
