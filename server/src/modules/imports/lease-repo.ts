import type { Kysely, Updateable } from 'kysely';
import { forNoKeyUpdate, forUpdate } from '../../db/dialect.js';
import type { DB, ImportsTable } from '../../db/schema.js';

// Kysely code of an import's hold: a validation or a commit holds the import as its worker,
// under a lease it renews, until it ends (validate/validate-import.ts, commit/run-commit.ts);
// the commit request and the undo move it on from one status to the next.

// --- validation ---------------------------------------------------------------------------

/** Takes the import for a validation run; false when it is not uploaded or validated, or held. */
export async function claimValidation(db: Kysely<DB>, id: number, run: string, leaseUntil: string, now: string): Promise<boolean> {
  const taken = await db
    .updateTable('imports')
    .set({ status: 'uploaded', worker: run, lease_until: leaseUntil, validated_rows: 0 })
    .where('id', '=', id)
    .where('status', 'in', ['uploaded', 'validated'])
    .where((eb) => eb.or([eb('worker', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** The import's worker, its row locked until the transaction ends. */
export function lockImportWorker(trx: Kysely<DB>, id: number) {
  return forUpdate(trx, trx.selectFrom('imports').select('worker').where('id', '=', id)).executeTakeFirst();
}

export async function renewValidation(trx: Kysely<DB>, id: number, leaseUntil: string, validatedRows: number) {
  await trx.updateTable('imports').set({ lease_until: leaseUntil, validated_rows: validatedRows }).where('id', '=', id).execute();
}

type ValidationReport = Pick<Updateable<ImportsTable>, 'mapping' | 'defaults' | 'to_create' | 'duplicates' | 'rejected_count' | 'updated_at'>;

/** Marks the import validated and gives it up; false when the run no longer held it. */
export async function finishValidation(db: Kysely<DB>, id: number, run: string, report: ValidationReport): Promise<boolean> {
  const finished = await db
    .updateTable('imports')
    .set({ status: 'validated', worker: null, lease_until: null, ...report })
    .where('id', '=', id)
    .where('worker', '=', run)
    .executeTakeFirst();
  return Number(finished.numUpdatedRows) === 1;
}

/** Gives the import up after a failed run, if the run still held it. */
export async function releaseValidation(db: Kysely<DB>, id: number, run: string) {
  await db.updateTable('imports').set({ worker: null, lease_until: null }).where('id', '=', id).where('worker', '=', run).execute();
}

// --- commit -------------------------------------------------------------------------------

type CommitRequest = Pick<Updateable<ImportsTable>, 'duplicate_action' | 'per_row' | 'committed_by'>;

/** Marks a validated import for committing; false when it is no longer validated, or held. */
export async function startCommitting(db: Kysely<DB>, id: number, commit: CommitRequest, now: string): Promise<boolean> {
  const result = await db
    .updateTable('imports')
    .set({ status: 'committing', ...commit, commit_started_at: now, lease_until: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'validated')
    // Not while it is being validated again (startValidation).
    .where((eb) => eb.or([eb('worker', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Takes the commit of an import for this worker if nobody holds it; false otherwise. */
export async function claimCommit(db: Kysely<DB>, importId: number, worker: string, leaseUntil: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('imports')
    .set({ worker, lease_until: leaseUntil, error: null, updated_at: now })
    .where('id', '=', importId)
    .where('status', '=', 'committing')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The import's row, locked FOR NO KEY UPDATE until the transaction ends (takeCursor says why). */
export function lockImportRow(trx: Kysely<DB>, importId: number) {
  return forNoKeyUpdate(trx, trx.selectFrom('imports').selectAll().where('id', '=', importId)).executeTakeFirst();
}

/** Gives up a failed commit with its error, if this worker still held it. */
export async function releaseFailedCommit(db: Kysely<DB>, importId: number, worker: string, error: string) {
  await db.updateTable('imports').set({ worker: null, lease_until: null, error }).where('id', '=', importId).where('worker', '=', worker).execute();
}

// --- undo ---------------------------------------------------------------------------------

/** Marks the import undone if it is still in `status` and no commit holds it; false otherwise. */
export async function claimForUndo(trx: Kysely<DB>, id: number, status: ImportsTable['status'], now: string): Promise<boolean> {
  const claimed = await trx
    .updateTable('imports')
    .set({ status: 'undone', undone_at: now, updated_at: now, worker: null, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', status)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}
