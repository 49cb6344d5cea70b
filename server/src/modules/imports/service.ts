import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Locale } from '../../../../common/errors.js';
import type { Kysely } from 'kysely';
import type { CommitImportRequest, Import, ImportField, ValidateImportRequest } from '../../../../common/schemas/imports.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { forUpdate } from '../../db/dialect.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import { refreshSearch } from '../../search/index.js';
import { statusExists } from '../statuses/service.js';
import { findOwnerCandidate } from '../users/service.js';
import { claim, LEASE_MS, startCommit } from './commit.js';
import { suggestMapping } from './headers.js';
import { dataRows, openSheet, spool } from './parse.js';
import * as repo from './repo.js';
import type { CheckedBatch } from './check.js';
import { inPlaceChecker, threadChecker } from './checker.js';
import { importThreads } from './thread.js';
import type { Lookups, StoredMatch } from './validate.js';
import { askDatabase, everyoneScope, loadLookups } from './validate-db.js';
import { keywordFilterFor } from './keyword-filter.js';

// Customer import: upload → validate (with the mapping) → commit in the background → undo.
// An import is visible to whoever uploaded it and to the admin; to anyone else it is 404.

const STAGE_BATCH = 1000;
const VALIDATE_BATCH = 2000;
const PREVIEW_ROWS = 10;
/**
 * A file this large holds more than one validation batch, however it is saved (an xlsx row
 * takes ~75 bytes, a CSV row more): its validation will want the import thread.
 */
const LARGE_UPLOAD_BYTES = 150_000;

const isAdmin = (actor: Actor) => actor.role === 'admin';
const viewer = (actor: Actor) => ({ id: actor.id, isAdmin: isAdmin(actor) });

function assertMayImport(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'sales') throw new AppError('forbidden');
}

function isIncomplete(row: repo.ImportRow, now: Date) {
  return row.status === 'committing' && (row.lease_until === null || row.lease_until < now.toISOString());
}

/** A validation holds the import (startValidation) and its lease has not run out. */
function isValidating(row: repo.ImportRow, now: Date) {
  return (row.status === 'uploaded' || row.status === 'validated') && row.worker !== null && row.lease_until !== null && row.lease_until >= now.toISOString();
}

function toImport(ctx: AppContext, row: repo.ImportWithCreator): Import {
  const columns = JSON.parse(row.columns) as string[];
  return {
    id: String(row.id),
    fileName: row.file_name,
    format: row.format,
    encoding: row.encoding,
    status: row.status,
    isIncomplete: isIncomplete(row, ctx.clock.now()),
    createdById: String(row.created_by),
    createdByName: row.creator_name,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    columns,
    suggestedMapping: suggestMapping(columns),
    mapping: row.mapping ? (JSON.parse(row.mapping) as (ImportField | null)[]) : null,
    defaults: row.defaults ? (JSON.parse(row.defaults) as Import['defaults']) : null,
    duplicateAction: row.duplicate_action,
    rowCount: row.row_count,
    toCreate: row.to_create,
    duplicates: row.duplicates,
    rejected: row.rejected_count,
    isValidating: isValidating(row, ctx.clock.now()),
    validatedRows: row.validated_rows,
    total: row.row_count,
    processed: row.processed,
    created: row.created_count,
    skipped: row.skipped_count,
    merged: row.merged_count,
  };
}

async function loadVisibleImport(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findImport(ctx.database.db, viewer(actor), id);
  if (!row) throw new AppError('not_found');
  return row;
}

export async function getImport(ctx: AppContext, actor: Actor, id: number) {
  return toImport(ctx, await loadVisibleImport(ctx, actor, id));
}

export async function listImports(ctx: AppContext, actor: Actor, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  assertMayImport(actor);
  const { db } = ctx.database;
  const [rows, total] = await Promise.all([repo.listImports(db, viewer(actor), pageSize, (page - 1) * pageSize), repo.countImports(db, viewer(actor))]);
  return { items: rows.map((r) => toImport(ctx, r)), total, totalExact: true, page, pageSize, nextCursor: null };
}

// --- upload -------------------------------------------------------------------------------

/** Streams the file into the staging table in batches; nothing is kept when it is refused. */
export async function uploadImport(ctx: AppContext, actor: Actor, fileName: string, source: Readable) {
  assertMayImport(actor);
  const file = await spool(source);
  // Started now, it is ready when the validation asks for it; parsing keeps this thread busy
  // and leaves the other core free.
  if (file.bytes > LARGE_UPLOAD_BYTES) importThreads.warm();
  const { db } = ctx.database;
  let importId: number | null = null;
  // One batch is written while the next is parsed: on PostgreSQL a batch's insert is a round
  // trip the parser otherwise waited for (SQLite's driver writes on this thread either way).
  let staging: Promise<void> = Promise.resolve();
  try {
    const sheet = await openSheet(file);
    let header: string[] = [];
    const preview: string[][] = [];
    let batch: { rowNo: number; cells: string[] }[] = [];
    let count = 0;
    const now = ctx.clock.now().toISOString();
    for await (const row of dataRows(sheet.rows, (h) => (header = h.cells.map((c) => c.trim())))) {
      if (importId === null) {
        importId = await repo.insertImport(db, {
          created_by: actor.id,
          file_name: fileName.slice(0, 200),
          format: sheet.format,
          encoding: sheet.encoding,
          status: 'uploaded',
          columns: JSON.stringify(header),
          row_count: 0,
          to_create: 0,
          duplicates: 0,
          processed: 0,
          created_count: 0,
          skipped_count: 0,
          merged_count: 0,
          rejected_count: 0,
          cursor_row: 0,
          created_at: now,
          updated_at: now,
        });
      }
      count += 1;
      if (preview.length < PREVIEW_ROWS) preview.push(row.cells);
      batch.push(row);
      if (batch.length >= STAGE_BATCH) {
        await staging;
        staging = repo.insertStagedRows(db, importId, batch);
        // Observed now, thrown at the next await of it.
        staging.catch(() => undefined);
        batch = [];
      }
    }
    await staging;
    if (importId === null) {
      // A header without data rows.
      throw fieldError('file', { zh: '文件中没有数据行', en: 'The file has no data rows' });
    }
    await repo.insertStagedRows(db, importId, batch);
    await repo.updateImport(db, importId, { row_count: count, columns: JSON.stringify(header) });
    return { ...(await getImport(ctx, actor, importId)), preview };
  } catch (err) {
    // Refused half-way (too many rows, a garbled line): nothing of it stays, not even a batch
    // still being written.
    await staging.catch(() => undefined);
    if (importId !== null) await repo.deleteImport(db, importId);
    throw err;
  } finally {
    await file.remove();
  }
}

// --- validation ---------------------------------------------------------------------------

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
    const finished = await db
      .updateTable('imports')
      .set({
        status: 'validated',
        worker: null,
        lease_until: null,
        mapping: JSON.stringify(mapping),
        defaults: JSON.stringify({ statusId: String(statusId), ownerId: String(ownerId) }),
        to_create: counts.create,
        duplicates: counts.duplicate,
        rejected_count: counts.rejected,
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .where('worker', '=', run)
      .executeTakeFirst();
    if (Number(finished.numUpdatedRows) !== 1) throw new AppError('invalid_transition');
  } catch (err) {
    await db.updateTable('imports').set({ worker: null, lease_until: null }).where('id', '=', id).where('worker', '=', run).execute();
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
  const taken = await ctx.database.db
    .updateTable('imports')
    .set({ status: 'uploaded', worker: run, lease_until: new Date(now.getTime() + LEASE_MS).toISOString(), validated_rows: 0 })
    .where('id', '=', id)
    .where('status', 'in', ['uploaded', 'validated'])
    .where((eb) => eb.or([eb('worker', 'is', null), eb('lease_until', '<', now.toISOString())]))
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) throw new AppError('invalid_transition');
  return run;
}

/** In its transaction: whether the run still holds the import; renews its lease and records its progress. */
async function stillHeld(ctx: AppContext, trx: Kysely<DB>, id: number, run: string, validatedRows: number): Promise<void> {
  const row = await forUpdate(trx, trx.selectFrom('imports').select('worker').where('id', '=', id)).executeTakeFirst();
  if (row?.worker !== run) throw new AppError('invalid_transition');
  await trx
    .updateTable('imports')
    .set({ lease_until: new Date(ctx.clock.now().getTime() + LEASE_MS).toISOString(), validated_rows: validatedRows })
    .where('id', '=', id)
    .execute();
}

/**
 * Checks every staged row, VALIDATE_BATCH at a time; each batch's results are written in one
 * transaction. Between batches other requests get their turn: a 100,000-row file takes seconds,
 * and on SQLite every query runs on this one thread. The rows are checked on a thread of their
 * own (checker.ts) while this one queries and writes.
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
  const existing = await keywordFilterFor(everyoneScope(ctx), imp.rowCount);
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
    await db.transaction().execute(async (trx) => {
      await stillHeld(ctx, trx, id, run, counts.create + counts.duplicate + counts.rejected);
      await repo.insertResults(trx, checked.results);
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
      const finished = checker.finish(questions.batch, await askDatabase(ctx, actor, questions, existing));
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

// --- the report ---------------------------------------------------------------------------

export interface RowResult {
  rowNo: number;
  outcome: 'create' | 'duplicate' | 'rejected';
  customerName: string;
  keyword: string;
  reasons: string[];
  matches: StoredMatch[];
  canMerge: boolean;
}

function toRowResult(r: Awaited<ReturnType<typeof repo.listResults>>[number], locale: Locale): RowResult {
  const data = JSON.parse(r.data) as { keyword: string; reasons?: { zh: string; en: string }[] };
  return {
    rowNo: r.row_no,
    outcome: r.outcome,
    customerName: r.customer_name,
    keyword: data.keyword,
    reasons: (data.reasons ?? []).map((x) => (locale === 'en-US' ? x.en : x.zh)),
    matches: JSON.parse(r.matches) as StoredMatch[],
    canMerge: r.merge_target !== null,
  };
}

export async function listImportRows(
  ctx: AppContext,
  actor: Actor,
  id: number,
  query: { outcome?: 'create' | 'duplicate' | 'rejected' | undefined; page?: number | undefined; pageSize?: number | undefined },
  locale: Locale,
) {
  await loadVisibleImport(ctx, actor, id);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const { db } = ctx.database;
  const [rows, total] = await Promise.all([
    repo.listResults(db, id, query.outcome, pageSize, (page - 1) * pageSize),
    repo.countResults(db, id, query.outcome),
  ]);
  return { items: rows.map((r) => toRowResult(r, locale)), total, totalExact: true, page, pageSize, nextCursor: null };
}

/** Every validated row in row order, in batches, for the downloadable report. */
export async function* reportRows(ctx: AppContext, actor: Actor, id: number, locale: Locale): AsyncGenerator<RowResult[]> {
  const imp = await loadVisibleImport(ctx, actor, id);
  if (imp.status === 'uploaded') throw new AppError('invalid_transition');
  for (let after = 0; ; ) {
    const rows = await repo.resultsAfter(ctx.database.db, id, after, 1000);
    if (!rows.length) return;
    after = rows.at(-1)!.row_no;
    yield rows.map((r) => toRowResult(r, locale));
  }
}

// --- commit and undo ----------------------------------------------------------------------

export async function commitImport(ctx: AppContext, actor: Actor, id: number, input: CommitImportRequest, log: (err: unknown) => void) {
  const imp = await loadVisibleImport(ctx, actor, id);
  const { db } = ctx.database;
  const now = ctx.clock.now();
  if (imp.status === 'committing') {
    // Resuming a commit whose process died; one still running is left alone.
    if (!isIncomplete(imp, now)) throw new AppError('invalid_transition');
  } else if (imp.status !== 'validated') {
    throw new AppError('invalid_transition');
  } else {
    const defaults = JSON.parse(imp.defaults ?? '{}') as { ownerId?: string };
    const mapping = JSON.parse(imp.mapping ?? '[]') as (ImportField | null)[];
    // The owner rule again, for whoever commits: an admin may commit what a salesperson validated.
    if (!isAdmin(actor) && (Number(defaults.ownerId) !== actor.id || mapping.includes('owner'))) throw new AppError('forbidden');
    const result = await db
      .updateTable('imports')
      .set({
        status: 'committing',
        duplicate_action: input.duplicateAction,
        per_row: JSON.stringify(input.perRow ?? {}),
        committed_by: actor.id,
        commit_started_at: now.toISOString(),
        lease_until: null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .where('status', '=', 'validated')
      // Not while it is being validated again (startValidation).
      .where((eb) => eb.or([eb('worker', 'is', null), eb('lease_until', '<', now.toISOString())]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('invalid_transition');
  }
  const worker = await claim(ctx, id);
  if (!worker) throw new AppError('invalid_transition');
  startCommit(ctx, id, worker, log);
  return getImport(ctx, actor, id);
}

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
    const claimed = await trx
      .updateTable('imports')
      .set({ status: 'undone', undone_at: now.toISOString(), updated_at: now.toISOString(), worker: null, lease_until: null })
      .where('id', '=', id)
      .where('status', '=', imp.status)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now.toISOString())]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('invalid_transition');
    if (await repo.hasLaterActivity(trx, id, imp.commit_started_at ?? imp.created_at)) throw new AppError('in_use');
    const customers = await repo.recordsOf(trx, id, 'customer');
    const created = new Set(customers.map((c) => Number(c.customer_id)));
    const live = await repo.liveCustomersAmong(trx, [...created]);
    await repo.moveToRecycleBin(trx, live.map((c) => c.id), now.toISOString(), actor.id);
    const counts = new Map<string, number>();
    for (const c of live) counts.set(`${c.owner_id}/${c.status_id}`, (counts.get(`${c.owner_id}/${c.status_id}`) ?? 0) - 1);
    await repo.adjustCounts(trx, counts);
    await repo.insertAuditRows(
      trx,
      live.map((c) => ({
        at: now.toISOString(),
        actor_id: actor.id,
        actor_name: actor.displayName,
        entity: 'customer',
        entity_id: String(c.id),
        customer_id: c.id,
        action: 'deleted',
        changes: JSON.stringify([{ field: 'import', old: id, new: null }]),
      })),
    );
    // Contacts merged into customers that existed before stay out of them.
    const contacts = (await repo.recordsOf(trx, id, 'contact')).filter((c) => !created.has(Number(c.customer_id)));
    await repo.deleteContacts(trx, contacts.map((c) => Number(c.entity_id)));
    for (const customerId of new Set(contacts.map((c) => Number(c.customer_id)))) await refreshSearch(trx, customerId);
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

export const COMMIT_LEASE_MS = LEASE_MS;
