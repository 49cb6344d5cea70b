import type { AppContext } from '../../../context.js';
import { AppError } from '../../../lib/app-error.js';
import type { Actor } from '../../../policy/actor.js';
import { recordAudit } from '../../audit/service.js';
import { claimForUndo } from '../lease-repo.js';
import * as repo from '../repo.js';
import { getImport, isAdmin, isIncomplete, loadVisibleImport } from '../service.js';
import { recycleCustomerBatch, removeContactBatch } from '../../customers/batch-writer.js';

/**
 * Undoes an import as a whole (admin): its customers go to the recycle bin, contacts it added
 * to existing customers are removed. Refused (409 in_use) once anyone else touched them.
 */
export async function undoImport(ctx: AppContext, actor: Actor, id: number) {
  if (!isAdmin(actor)) throw new AppError('forbidden');
  const imp = await loadVisibleImport(ctx, actor, id);
  const now = ctx.clock.now();
  if (imp.status !== 'done' && !isIncomplete(imp, now)) throw new AppError('invalid_transition');
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await claimForUndo(trx, id, imp.status, now.toISOString()))) throw new AppError('invalid_transition');
    if (await repo.hasLaterActivity(trx, id, imp.commit_started_at ?? imp.created_at)) throw new AppError('in_use');
    const customers = await repo.recordsOf(trx, id, 'customer');
    const created = new Set(customers.map((c) => Number(c.customer_id)));
    const live = await repo.liveCustomersAmong(trx, [...created]);
    await recycleCustomerBatch(trx, actor, live, now.toISOString(), JSON.stringify([{ field: 'import', old: id, new: null }]));
    // Contacts merged into customers that existed before stay out of them.
    const contacts = (await repo.recordsOf(trx, id, 'contact')).filter((c) => !created.has(Number(c.customer_id)));
    await removeContactBatch(trx, contacts.map((c) => ({ id: Number(c.entity_id), customerId: Number(c.customer_id) })));
    await recordAudit(trx, ctx, actor, {
      entity: 'import',
      entityId: id,
      action: 'undone',
      changes: [
        { field: 'recycled', old: null, new: live.length },
        { field: 'contactsRemoved', old: null, new: contacts.length },
      ],
    });
  });
  return getImport(ctx, actor, id);
}
