import type { AppContext } from '../../context.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { can, type Actor } from '../../policy/actor.js';
import { endGrantsOfCustomers } from '../delegations/service.js';
import { findOwnerCandidate, findUserRecord } from '../users/service.js';
import * as repo from './repo.js';
import * as writer from './writer.js';

// A leaver's hand-over: the admin moves one, several or all customers of one user to another.

export async function transferCustomers(
  ctx: AppContext,
  actor: Actor,
  fromUserId: number,
  input: { toUserId: string; customerIds?: string[] | undefined },
): Promise<{ moved: number }> {
  if (!can(actor, 'customers.admin')) throw new AppError('forbidden');
  const toUserId = Number(input.toUserId);
  return ctx.database.db.transaction().execute(async (trx) => {
    const from = await findUserRecord(trx, fromUserId);
    if (!from) throw new AppError('not_found');
    const to = await findOwnerCandidate(trx, toUserId);
    if (!to || toUserId === fromUserId) {
      throw fieldError('toUserId', { zh: '请选择另一位有效的业务员', en: 'choose another active salesperson' });
    }
    const rows = await repo.lockOwnedCustomers(trx, fromUserId, input.customerIds?.map(Number));
    if (rows.length === 0) return { moved: 0 };
    await endGrantsOfCustomers(trx, ctx, actor, rows.map((r) => r.id));
    await writer.transferCustomers(trx, ctx, actor, rows, { id: fromUserId, name: from.display_name }, { id: toUserId, name: to.display_name });
    return { moved: rows.length };
  });
}
