import type { CommitImportRequest, ImportField } from '../../../../../common/schemas/imports.js';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../lib/app-error.js';
import type { Actor } from '../../../policy/actor.js';
import { startCommitting } from '../lease-repo.js';
import { getImport, isAdmin, isIncomplete, loadVisibleImport } from '../service.js';
import { claim, startCommit } from './run-commit.js';

// The commit request: a validated import (or one whose commit's process died) is marked for
// committing, and the commit runs in the background (run-commit.ts).

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
    const commit = { duplicate_action: input.duplicateAction, per_row: JSON.stringify(input.perRow ?? {}), committed_by: actor.id };
    if (!(await startCommitting(db, id, commit, now.toISOString()))) throw new AppError('invalid_transition');
  }
  const worker = await claim(ctx, id);
  if (!worker) throw new AppError('invalid_transition');
  startCommit(ctx, id, worker, log);
  return getImport(ctx, actor, id);
}
