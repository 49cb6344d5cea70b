import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Insertable, Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import { forUpdate } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import { refreshSearch } from '../customers/search-index.js';
import { allowLongPendingList, insertIndexEntries } from '../customers/term-index.js';
import { scopeFor, touchCustomer } from '../customers/service.js';
import { type Action, type BatchPlan, type PreparedBatch, type PreparedContact } from './prepare.js';
import { inPlacePreparer, threadPreparer } from './preparer.js';
import * as repo from './repo.js';

// The commit: in the background after the request, 1,000 rows per transaction, so that the
// SQLite write lock is held for a moment at a time and other requests go on meanwhile. All
// state lives in the database — the worker holds a lease it renews with every batch — so a
// commit whose process died shows as incomplete and any process can resume it.

export const COMMIT_BATCH = 1000;
export const LEASE_MS = 60_000;

class LostLease extends Error {}

const leaseEnd = (ctx: AppContext) => new Date(ctx.clock.now().getTime() + LEASE_MS).toISOString();

/** Takes the commit of an import if nobody holds it; the worker id, or null. */
export async function claim(ctx: AppContext, importId: number): Promise<string | null> {
  const worker = randomUUID();
  const now = ctx.clock.now().toISOString();
  const result = await ctx.database.db
    .updateTable('imports')
    .set({ worker, lease_until: leaseEnd(ctx), error: null, updated_at: now })
    .where('id', '=', importId)
    .where('status', '=', 'committing')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? worker : null;
}

/** Starts (or resumes) the commit after the current request; errors are logged. */
export function startCommit(ctx: AppContext, importId: number, worker: string, log: (err: unknown) => void) {
  void yieldToRequests().then(() => runCommit(ctx, importId, { worker }).catch(log));
}

/**
 * Commits the remaining rows. `maxBatches` stops early as if the process died (for tests):
 * the lease is left to expire.
 */
export async function runCommit(ctx: AppContext, importId: number, options: { maxBatches?: number; worker?: string } = {}): Promise<void> {
  const worker = options.worker ?? (await claim(ctx, importId));
  if (!worker) return;
  const { db } = ctx.database;
  try {
    const imp = await db.selectFrom('imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role'])
      .where('id', '=', imp.committed_by ?? imp.created_by)
      .executeTakeFirstOrThrow();
    const actor: Actor = { id: Number(user.id), username: user.username, displayName: user.display_name, role: user.role };
    const perRow = new Map(Object.entries(JSON.parse(imp.per_row ?? '{}') as Record<string, Action>).map(([k, v]) => [Number(k), v]));
    const names = await nameLookups(db);
    const plan: Plan = { importId, dialect: ctx.database.dialect, worker, actor, duplicateAction: imp.duplicate_action ?? 'skip', perRow, names };
    const preparer = imp.row_count - imp.processed > COMMIT_BATCH ? threadPreparer(plan) : inPlacePreparer(plan);
    await repo.analyzeResults(db);
    const order = await repo.commitOrder(db, importId, imp.ordered_after);
    // Read and prepared outside the transaction; the transaction checks it still follows on.
    // Each batch is read before the one before it is written, and prepared meanwhile.
    const prepareAfter = async (after: number) => preparer.prepare(await repo.resultsOf(db, importId, order.slice(after, after + COMMIT_BATCH)), after);
    let next = prepareAfter(imp.cursor_row);
    try {
      for (let batches = 0; ; batches++) {
        if (options.maxBatches !== undefined && batches >= options.maxBatches) return;
        const batch = await next;
        if (batch.last !== null) next = prepareAfter(batch.last);
        const done = await db.transaction().execute(async (trx) => {
          const last = await commitBatch(ctx, trx, plan, batch);
          // Before the import shows as done, so that searches right after it are planned and
          // indexed for the new rows.
          if (last) await repo.refreshStatistics(trx);
          return last;
        });
        if (done) return;
        await yieldToRequests();
      }
    } finally {
      // A batch read ahead and never written is dropped: the cursor says where to resume.
      next.catch(() => undefined);
      await preparer.close();
    }
  } catch (err) {
    if (err instanceof LostLease) return;
    await db
      .updateTable('imports')
      .set({ worker: null, lease_until: null, error: String((err as Error).message ?? err).slice(0, 500) })
      .where('id', '=', importId)
      .where('worker', '=', worker)
      .execute();
    throw err;
  }
}

interface Plan extends BatchPlan {
  worker: string;
  actor: Actor;
}

async function nameLookups(db: Kysely<DB>) {
  const statuses = new Map((await repo.statusesByName(db)).map((s) => [Number(s.id), s.name]));
  const owners = new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [Number(u.id), u.display_name]));
  return { statuses, owners };
}

/** One batch in one transaction; true when nothing was left to commit. */
async function commitBatch(ctx: AppContext, trx: Kysely<DB>, plan: Plan, batch: PreparedBatch): Promise<boolean> {
  await allowLongPendingList(trx);
  // Locked on PostgreSQL so that no other process can take the lease while this batch runs.
  const imp = await forUpdate(trx, trx.selectFrom('imports').selectAll().where('id', '=', plan.importId)).executeTakeFirst();
  if (!imp || imp.worker !== plan.worker || imp.status !== 'committing') throw new LostLease();
  // Only this worker moves the cursor while it holds the lease: anything else means it is lost.
  if (imp.cursor_row !== batch.after) throw new LostLease();
  const now = ctx.clock.now().toISOString();
  if (batch.last === null) {
    await repo.updateImport(trx, plan.importId, { status: 'done', worker: null, lease_until: null, finished_at: now, updated_at: now });
    await recordAudit(trx, ctx, plan.actor, {
      entity: 'import',
      entityId: plan.importId,
      action: 'imported',
      changes: [
        { field: 'fileName', old: null, new: imp.file_name },
        { field: 'created', old: null, new: imp.created_count },
        { field: 'merged', old: null, new: imp.merged_count },
        { field: 'skipped', old: null, new: imp.skipped_count },
        { field: 'rejected', old: null, new: imp.rejected_count },
      ],
    });
    return true;
  }

  let { skipped } = batch;
  const { toCreate, toMerge } = batch;
  // The prepared rows belong to this batch alone: their times are filled in, not copied.
  const ids = await repo.insertCustomers(
    trx,
    toCreate.map(({ row }) => {
      row.created_at = now;
      row.updated_at = now;
      return row;
    }),
  );
  const createdByRow = new Map<number, number>();
  const counts = new Map<string, number>();
  const audit: Insertable<DB['audit_log']>[] = [];
  const records: Insertable<DB['import_records']>[] = [];
  const { id: actorId, displayName: actorName } = plan.actor;
  const logged = (entity: 'customer' | 'contact', id: number, customerId: number, rowNo: number, changes: string) => {
    audit.push({ at: now, actor_id: actorId, actor_name: actorName, entity, entity_id: String(id), customer_id: customerId, action: 'imported', changes });
    records.push({ import_id: plan.importId, row_no: rowNo, entity, entity_id: String(id), customer_id: customerId });
  };
  toCreate.forEach(({ rowNo, row, changes }, i) => {
    const id = ids[i]!;
    createdByRow.set(rowNo, id);
    const key = `${row.owner_id}/${row.status_id}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    logged('customer', id, id, rowNo, changes);
  });
  await insertIndexEntries(trx, toCreate.map(({ indexEntry }, i) => ({ id: ids[i]!, entry: indexEntry })));
  await repo.adjustCounts(trx, counts);

  // Merges: only into a customer the committing user may see, or a row of this file created earlier.
  const visible = await repo.visibleAmong(
    scopeFor(ctx, plan.actor, trx),
    toMerge.filter((m) => m.target.startsWith('c:')).map((m) => Number(m.target.slice(2))),
  );
  const earlier = await repo.customersOfRows(
    trx,
    plan.importId,
    toMerge.filter((m) => m.target.startsWith('r:') && !createdByRow.has(Number(m.target.slice(2)))).map((m) => Number(m.target.slice(2))),
  );
  let merged = 0;
  const contacts: PreparedContact[] = [];
  const contactRowNos: number[] = [];
  const addContact = (c: PreparedContact, customerId: number, rowNo: number) => {
    c.row.customer_id = customerId;
    c.row.created_at = now;
    c.row.updated_at = now;
    contacts.push(c);
    contactRowNos.push(rowNo);
  };
  toCreate.forEach(({ rowNo, contacts: own }, i) => own.forEach((c) => addContact(c, ids[i]!, rowNo)));
  const mergedInto = new Set<number>();
  for (const m of toMerge) {
    const n = Number(m.target.slice(2));
    const target = m.target.startsWith('c:') ? (visible.has(n) ? n : undefined) : (createdByRow.get(n) ?? earlier.get(n));
    if (target === undefined) {
      skipped += 1;
      continue;
    }
    merged += 1;
    mergedInto.add(target);
    for (const c of m.contacts) addContact(c, target, m.rowNo);
  }
  const contactIds = await repo.insertContacts(
    trx,
    contacts.map((c) => c.row),
  );
  contacts.forEach(({ row, changes }, i) => logged('contact', contactIds[i]!, row.customer_id, contactRowNos[i]!, changes));
  // A customer that received contacts is found by their names and phones too.
  const createdHere = new Set(createdByRow.values());
  for (const id of mergedInto) {
    await refreshSearch(trx, id);
    if (!createdHere.has(id)) await touchCustomer(trx, id, now);
  }
  await repo.insertAuditRows(trx, audit);
  await repo.insertRecords(trx, records);
  await repo.updateImport(trx, plan.importId, {
    cursor_row: batch.last,
    processed: imp.processed + batch.count,
    created_count: imp.created_count + toCreate.length,
    skipped_count: imp.skipped_count + skipped,
    merged_count: imp.merged_count + merged,
    lease_until: leaseEnd(ctx),
    updated_at: now,
  });
  return false;
}
