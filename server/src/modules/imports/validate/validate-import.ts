import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { ImportField, ValidateImportRequest } from '../../../../../common/schemas/imports.js';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { AppError, fieldError } from '../../../lib/app-error.js';
import type { Actor } from '../../../policy/actor.js';
import { statusExists } from '../../statuses/service.js';
import { findOwnerCandidate } from '../../users/service.js';
import { LEASE_MS } from '../commit/run-commit.js';
import { claimValidation, finishValidation, lockImportWorker, releaseValidation, renewValidation } from '../lease-repo.js';
import * as repo from '../repo.js';
import { getImport, isAdmin, loadVisibleImport } from '../service.js';
import { askDatabase, everyoneScope, loadLookups } from './ask-database.js';
import { spendDuplicateBudget } from '../../duplicates/budget.js';
import { hideMatches, type CheckedBatch } from './check-batch.js';
import { inPlaceChecker, threadChecker } from './check-batch-thread.js';
import type { Lookups } from './check-row.js';
import { keywordFilterFor } from './keyword-filter.js';

// The validation of an import against a mapping: every staged row checked (check-batch.ts), its
// results written to the report table, import_results, batch by batch.

const VALIDATE_BATCH = 2000;

export async function validateImport(ctx: AppContext, actor: Actor, id: number, input: ValidateImportRequest) {
  const imp = await loadVisibleImport(ctx, actor, id);
  if (imp.status !== 'uploaded' && imp.status !== 'validated') throw new AppError('invalid_transition');
  const { db } = ctx.database;
  const columns = JSON.parse(imp.columns) as string[];
  const mapping = input.mapping.slice(0, columns.length);
  const mapped = mapping.filter((f): f is ImportField => f !== null);
  if (new Set(mapped).size !== mapped.length) throw fieldError('mapping', { zh: '同一字段只能对应一列', en: 'each field can be mapped from one column only' });
  if (!mapped.includes('name') || !mapped.includes('keyword')) {
    throw fieldError('mapping', { zh: '必须指定“客户名称”和“关键字”列', en: 'the name and keyword columns must be mapped' });
  }
  // Owner rules as for creating a customer: a salesperson imports only into their own name.
  const ownerId = input.defaults.ownerId ? Number(input.defaults.ownerId) : actor.id;
  if (!isAdmin(actor) && (ownerId !== actor.id || mapped.includes('owner'))) throw new AppError('forbidden');
  if (ownerId !== actor.id && !(await findOwnerCandidate(db, ownerId))) {
    throw fieldError('defaults.ownerId', { zh: '业务员必须是有效的业务员或管理员', en: 'the owner must be an active salesperson or admin' });
  }
  const statusId = Number(input.defaults.statusId);
  if (!(await statusExists(db, statusId))) throw fieldError('defaults.statusId', { zh: '客户状态不存在', en: 'no such customer status' });

  const lookups = await loadLookups(ctx, { statusId, ownerId });
  const run = await startValidation(ctx, id);
  try {
    const counts = await validateRows(ctx, actor, { id, rowCount: imp.row_count }, run, { mapping, lookups });
    const finished = await finishValidation(db, id, run, {
      mapping: JSON.stringify(mapping),
      defaults: JSON.stringify({ statusId: String(statusId), ownerId: String(ownerId) }),
      to_create: counts.create,
      duplicates: counts.duplicate,
      rejected_count: counts.rejected,
      updated_at: ctx.clock.now().toISOString(),
    });
    if (!finished) throw new AppError('invalid_transition');
  } catch (err) {
    await releaseValidation(db, id, run);
    throw err;
  }
  return getImport(ctx, actor, id);
}

/**
 * One validation of an import at a time: the run holds the import (worker + lease, as a commit
 * does) until it ends, and a commit cannot start meanwhile. A run whose process died frees the
 * import when its lease runs out. The import is "uploaded" again until the run ends: the
 * previous results are being replaced, so a run that stops half-way leaves nothing to commit.
 */
async function startValidation(ctx: AppContext, id: number): Promise<string> {
  const run = randomUUID();
  const now = ctx.clock.now();
  const taken = await claimValidation(ctx.database.db, id, run, new Date(now.getTime() + LEASE_MS).toISOString(), now.toISOString());
  if (!taken) throw new AppError('invalid_transition');
  return run;
}

/** In its transaction: whether the run still holds the import; renews its lease and records its progress. */
async function stillHeld(ctx: AppContext, trx: Kysely<DB>, id: number, run: string, validatedRows: number): Promise<void> {
  const row = await lockImportWorker(trx, id);
  if (row?.worker !== run) throw new AppError('invalid_transition');
  await renewValidation(trx, id, new Date(ctx.clock.now().getTime() + LEASE_MS).toISOString(), validatedRows);
}

/**
 * Checks every staged row, VALIDATE_BATCH at a time; each batch's results are written in one
 * transaction. Between batches other requests get their turn: a 100,000-row file takes seconds,
 * and on SQLite every query runs on this one thread. The rows are checked on a thread of their
 * own (check-batch-thread.ts) while this one queries and writes.
 */
async function validateRows(
  ctx: AppContext,
  actor: Actor,
  imp: { id: number; rowCount: number },
  run: string,
  { mapping, lookups }: { mapping: (ImportField | null)[]; lookups: Lookups },
) {
  const { db } = ctx.database;
  const { id } = imp;
  const counts = { create: 0, duplicate: 0, rejected: 0 };
  await db.transaction().execute(async (trx) => {
    await stillHeld(ctx, trx, id, run, 0);
    await repo.clearResults(trx, id);
  });
  const setup = { importId: id, mapping, lookups };
  const existing = await keywordFilterFor(ctx.database.db, everyoneScope(ctx), imp.rowCount);
  const checker = imp.rowCount > VALIDATE_BATCH ? threadChecker(setup) : inPlaceChecker(setup);
  const readAfter = async (after: number) => {
    const staged = await repo.stagedRowsAfter(db, id, after, VALIDATE_BATCH);
    if (!staged.length) return null;
    const questions = checker.read(staged);
    questions.catch(() => undefined);
    return { last: staged.at(-1)!.row_no, questions };
  };
  const write = async (checked: CheckedBatch) => {
    for (const k of ['create', 'duplicate', 'rejected'] as const) counts[k] += checked.counts[k];
    // Before the transaction: the budget is spent on its own connection (SQLite has only one).
    const results = await withinBudget(ctx, actor, checked);
    await db.transaction().execute(async (trx) => {
      await stillHeld(ctx, trx, id, run, counts.create + counts.duplicate + counts.rejected);
      await repo.insertResults(trx, results);
    });
  };
  // Two batches in flight: the thread checks one batch while this thread asks the database about
  // the next and writes the report of the one before.
  let next = readAfter(0);
  let unwritten: Promise<CheckedBatch> | null = null;
  let written: Promise<void> | undefined;
  try {
    for (;;) {
      const batch = await next;
      if (!batch) break;
      next = readAfter(batch.last);
      // Observed now, thrown when awaited: a read-ahead that fails meanwhile is not unhandled.
      next.catch(() => undefined);
      const questions = await batch.questions;
      // The report of the batch before is written while the database answers this one's
      // questions, on another connection (on SQLite, one after the other).
      written = unwritten?.then(write);
      written?.catch(() => undefined);
      const finished = checker.finish(questions.batch, await askDatabase(ctx, actor, questions, existing, lookups.generic));
      finished.catch(() => undefined);
      await written;
      unwritten = finished;
      await yieldToRequests();
    }
    if (unwritten) await write(await unwritten);
  } finally {
    next.catch(() => undefined);
    // A report still being written when a later step failed: it ends before the lease is given up.
    await written?.catch(() => undefined);
    await checker.close();
  }
  return counts;
}

/**
 * A batch's rows as the importer may see them: each row naming existing customers spends a unit
 * of their duplicate budget (the live check's, duplicates/budget.ts), in row order; the rows
 * beyond what it grants stay possible duplicates but name nobody.
 */
async function withinBudget(ctx: AppContext, actor: Actor, checked: CheckedBatch): Promise<CheckedBatch['results']> {
  const { naming, results } = checked;
  if (!naming.length) return results;
  const { granted } = await spendDuplicateBudget(ctx, actor, naming.length);
  if (granted >= naming.length) return results;
  const hidden = results.slice();
  for (const place of naming.slice(granted)) hidden[place] = hideMatches(hidden[place]!);
  return hidden;
}
