import type { Import, ImportField } from '../../../../common/schemas/imports.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import { can, type Actor } from '../../policy/actor.js';
import { suggestMapping } from './read/header-mapping.js';
import * as repo from './repo.js';

// Customer import: upload → validate (with the mapping) → commit in the background → undo.
// An import is visible to whoever uploaded it and to the admin; to anyone else it is 404.
// This file: who may see and start imports, and an import as the API shows it. Each step has a
// file of its own: read/upload.ts, validate/validate-import.ts, report.ts (the validation's
// report), commit/commit-import.ts (then commit/run-commit.ts) and commit/undo-import.ts.

export const isAdmin = (actor: Actor) => can(actor, 'customers.admin');
const viewer = (actor: Actor) => ({ id: actor.id, isAdmin: isAdmin(actor) });

export function assertMayImport(actor: Actor) {
  if (!can(actor, 'customers.use')) throw new AppError('forbidden');
}

export function isIncomplete(row: repo.ImportRow, now: Date) {
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

export async function loadVisibleImport(ctx: AppContext, actor: Actor, id: number) {
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
