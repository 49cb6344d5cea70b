import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../../context.js';
import { runsTransactionsSideBySide } from '../../../db/dialect.js';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../policy/actor.js';
import { scopeFor } from '../../../policy/scope.js';
import { asVisibleCustomers } from '../../../policy/visible-customer.js';
import { recordAudit } from '../../audit/service.js';
import { allowLongPendingList } from '../../../search/index.js';
import { addContactsToCustomers, completeCustomerBatch, countCustomerBatch, insertCustomerBatch } from '../../customers/batch-writer.js';
import { findUserRecord, listUserNames } from '../../users/service.js';
import { type Action, type BatchPlan, type PreparedBatch, type PreparedContact } from './prepare-batch.js';
import { inPlacePreparer, threadPreparer } from './prepare-batch-thread.js';
import { claimCommit, lockImportRow, releaseFailedCommit } from '../lease-repo.js';
import * as repo from '../repo.js';

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
  return (await claimCommit(ctx.database.db, importId, worker, leaseEnd(ctx), now)) ? worker : null;
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
    const imp = await repo.getImportRow(db, importId);
    const userId = imp.committed_by ?? imp.created_by;
    const user = await findUserRecord(db, userId);
    if (!user) throw new Error(`no user ${userId}`);
    const actor: Actor = { id: Number(user.id), username: user.username, displayName: user.display_name, role: user.role };
    const perRow = new Map(Object.entries(JSON.parse(imp.per_row ?? '{}') as Record<string, Action>).map(([k, v]) => [Number(k), v]));
    const names = await nameLookups(db);
    const plan: Plan = { importId, dialect: ctx.database.dialect, worker, actor, duplicateAction: imp.duplicate_action ?? 'skip', perRow, names };
    const preparer = imp.row_count - imp.processed > COMMIT_BATCH ? threadPreparer(plan) : inPlacePreparer(plan);
    await repo.analyzeResults(db);
    const order = await repo.commitOrder(db, importId, imp.ordered_after);
    // Read and prepared outside the transaction; the transaction checks it still follows on.
    // Each batch is read before the one before it is written, and prepared meanwhile.
    const prepareAfter = (after: number) => {
      const batch = (async () => preparer.prepare(await repo.resultsOf(db, importId, order.slice(after, after + COMMIT_BATCH)), after))();
      // Observed at once: a batch read ahead may fail (the database closing under it) while this
      // commit waits on something else, and an unobserved failure would be reported as unhandled
      // before the loop or the `finally` below gets to it. Its failure is still thrown where it is
      // awaited.
      batch.catch(() => undefined);
      return batch;
    };
    let next = prepareAfter(imp.cursor_row);
    // PostgreSQL: a batch's transaction starts while the one before it is still writing, on
    // another connection, and waits for it before it moves the cursor (commitBatch). One
    // database process writing one batch at a time was the commit's bottleneck, with a core
    // to spare. SQLite has one connection: its batches take turns with other requests.
    const overlap = runsTransactionsSideBySide(db);
    let previous: InFlight | null = null;
    try {
      for (let batches = 0; ; batches++) {
        if (options.maxBatches !== undefined && batches >= options.maxBatches) {
          await previous?.committed;
          return;
        }
        const batch = await next;
        if (batch.last !== null) next = prepareAfter(batch.last);
        const before = previous;
        let inserted!: () => void;
        const customersInserted = new Promise<void>((resolve) => (inserted = resolve));
        const committed = db.transaction().execute(async (trx) => {
          const last = await commitBatch(ctx, trx, plan, batch, { before, inserted });
          // Before the import shows as done, so that searches right after it are planned and
          // indexed for the new rows.
          if (last) await repo.refreshStatistics(trx);
          return last;
        });
        // A batch that fails before its customers are in lets the next one go on (to roll back
        // at takeCursor). This also observes the failure now; it is thrown where awaited, the
        // batch before's first.
        committed.then(inserted, inserted);
        previous = { customersInserted, committed };
        await before?.committed;
        if (!overlap || batch.last === null) {
          previous = null;
          if (await committed) return;
        }
        await yieldToRequests();
      }
    } finally {
      // A batch read ahead and never written is dropped: the cursor says where to resume. A
      // batch still writing after an earlier one failed finds the cursor short and rolls back.
      next.catch(() => undefined);
      await previous?.committed.catch(() => undefined);
      await preparer.close();
    }
  } catch (err) {
    if (err instanceof LostLease) return;
    await releaseFailedCommit(db, importId, worker, String((err as Error).message ?? err).slice(0, 500));
    throw err;
  }
}

/** A batch's transaction as the one after it waits for it. */
interface InFlight {
  /** Once its customers have their ids (or it failed): the next batch's ids follow them. */
  customersInserted: Promise<void>;
  committed: Promise<boolean>;
}

/** The batch before (if still writing) and the signal this batch gives when its customers have ids. */
interface Turn {
  before: InFlight | null;
  inserted: () => void;
}

interface Plan extends BatchPlan {
  worker: string;
  actor: Actor;
}

async function nameLookups(db: Kysely<DB>) {
  const statuses = new Map((await repo.statusesByName(db)).map((s) => [Number(s.id), s.name]));
  const owners = new Map((await listUserNames(db)).map((u) => [Number(u.id), u.display_name]));
  return { statuses, owners };
}

/**
 * The import's row, locked, once this worker may move its cursor on from `batch.after`: after
 * the batch before has committed (`before`), and while the lease is still this worker's. A
 * NO KEY UPDATE lock, because the next batch's import records check their reference to this row
 * meanwhile (FOR KEY SHARE), which FOR UPDATE would make wait for this commit, and this commit
 * for them.
 */
async function takeCursor(trx: Kysely<DB>, plan: Plan, batch: PreparedBatch, before: InFlight | null) {
  await before?.committed.catch(() => undefined);
  const imp = await lockImportRow(trx, plan.importId);
  if (!imp || imp.worker !== plan.worker || imp.status !== 'committing') throw new LostLease();
  // Only this worker moves the cursor while it holds the lease: anything else means it is lost
  // (or the batch before failed, and its error is the one reported).
  if (imp.cursor_row !== batch.after) throw new LostLease();
  return imp;
}

/**
 * One batch in one transaction; true when nothing was left to commit. The new customers, their
 * contacts, index entries and logs are written first, which needs nothing of earlier batches;
 * the rest once the batch before has committed (takeCursor): the counters it updates too, and
 * merges, which may go into a customer it created.
 */
async function commitBatch(ctx: AppContext, trx: Kysely<DB>, plan: Plan, batch: PreparedBatch, { before, inserted }: Turn): Promise<boolean> {
  await allowLongPendingList(trx);
  const now = ctx.clock.now().toISOString();
  if (batch.last === null) {
    const imp = await takeCursor(trx, plan, batch, before);
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
  const { created, toMerge } = batch;
  const { id: actorId, displayName: actorName } = plan.actor;
  const log = { now, importId: plan.importId, actorId, actorName };
  // Ids in the order of the file's commit, as the customers' dates go (repo.commitOrder), even
  // with the batch before still writing.
  await before?.customersInserted;
  const ids = await insertCustomerBatch(trx, created, now);
  inserted();
  await completeCustomerBatch(trx, created, ids, log);
  const createdByRow = new Map(created.rowNos.map((rowNo, i) => [rowNo, ids[i]!]));

  const imp = await takeCursor(trx, plan, batch, before);
  // Merges: only into a customer the committing user may see, or a row of this file created earlier.
  const existingTargets = toMerge.filter((m) => m.target.startsWith('c:')).map((m) => Number(m.target.slice(2)));
  const earlier = await repo.customersOfRows(
    trx,
    plan.importId,
    toMerge.filter((m) => m.target.startsWith('r:') && !createdByRow.has(Number(m.target.slice(2)))).map((m) => Number(m.target.slice(2))),
  );
  // The customers before the counters, the order an edit of a customer takes them in.
  await repo.lockCustomers(trx, [...existingTargets, ...earlier.values()]);
  await countCustomerBatch(trx, created);
  const visible = await repo.visibleAmong(trx, scopeFor(ctx, plan.actor, trx), existingTargets);
  let merged = 0;
  const mergedContacts: { contact: PreparedContact; customerId: number; rowNo: number }[] = [];
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
    for (const contact of m.contacts) mergedContacts.push({ contact, customerId: target, rowNo: m.rowNo });
  }
  // Merge targets are visible to the importer (visibleAmong) or created by this commit.
  const createdHere = new Set(createdByRow.values());
  const targets = asVisibleCustomers([...mergedInto]).map((customer) => ({ customer, isNew: createdHere.has(customer.id) }));
  await addContactsToCustomers(trx, mergedContacts, targets, log);
  await repo.updateImport(trx, plan.importId, {
    cursor_row: batch.last,
    processed: imp.processed + batch.count,
    created_count: imp.created_count + ids.length,
    skipped_count: imp.skipped_count + skipped,
    merged_count: imp.merged_count + merged,
    lease_until: leaseEnd(ctx),
    updated_at: now,
  });
  return false;
}
