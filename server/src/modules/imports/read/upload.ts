import type { Readable } from 'node:stream';
import type { AppContext } from '../../../context.js';
import { fieldError } from '../../../lib/app-error.js';
import type { Actor } from '../../../policy/actor.js';
import * as repo from '../repo.js';
import { assertMayImport, getImport } from '../service.js';
import { importThreads } from '../thread/pool.js';
import { dataRows, openSheet, spool } from './spreadsheet.js';

// The upload: the file is read row by row (spreadsheet.ts) into the staging table, import_rows,
// where validation reads it.

const STAGE_BATCH = 1000;
const PREVIEW_ROWS = 10;
/**
 * A file this large holds more than one validation batch, however it is saved (an xlsx row
 * takes ~75 bytes, a CSV row more): its validation will want the import thread.
 */
const LARGE_UPLOAD_BYTES = 150_000;

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
