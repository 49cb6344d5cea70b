import type { Kysely } from 'kysely';
import { dialectOf, withIdColumn } from '../dialect.js';

// Customer import (导入): an upload is staged row by row, validated into results, then
// committed in batches; what each batch created is recorded so the import can be undone.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';

  await withIdColumn(db.schema.createTable('imports'), dialect)
    .addColumn('created_by', ref, (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    /** uploaded → validated → committing → done; undone after an undo. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON array of the header cells. */
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    /** JSON: the mapping and defaults of the last validation. */
    .addColumn('mapping', 'text')
    .addColumn('defaults', 'text')
    .addColumn('duplicate_action', 'text')
    /** JSON object row number → action, overriding duplicate_action. */
    .addColumn('per_row', 'text')
    .addColumn('to_create', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected_count', 'integer', (c) => c.notNull().defaultTo(0))
    /** The last staged row number committed (the resume point). */
    .addColumn('cursor_row', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('committed_by', ref, (c) => c.references('users.id'))
    /** The background worker holding the commit, and until when its lease runs. */
    .addColumn('worker', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('commit_started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('undone_at', 'text')
    .execute();
  await db.schema.createIndex('imports_creator').on('imports').columns(['created_by', 'id']).execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('import_id', ref, (c) => c.notNull().references('imports.id').onDelete('cascade'))
    /** The row's number in the file (the header is row 1 when it is the first line). */
    .addColumn('row_no', 'integer', (c) => c.notNull())
    /** JSON array of the cells as text. */
    .addColumn('cells', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'row_no'])
    .execute();

  await db.schema
    .createTable('import_results')
    .addColumn('import_id', ref, (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    /** create | duplicate | rejected */
    .addColumn('outcome', 'text', (c) => c.notNull())
    /** JSON: the row as customer and contacts, or the reasons it is rejected. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    /** For duplicates: JSON array of { customerName, ownerName }. */
    .addColumn('matches', 'text', (c) => c.notNull())
    /** For duplicates: `c:<customer id>` (visible to the importer) or `r:<row>` of this file. */
    .addColumn('merge_target', 'text')
    .addPrimaryKeyConstraint('import_results_pk', ['import_id', 'row_no'])
    .execute();
  await db.schema.createIndex('import_results_outcome').on('import_results').columns(['import_id', 'outcome', 'row_no']).execute();

  await db.schema
    .createTable('import_records')
    .addColumn('import_id', ref, (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    /** customer (created) or contact (created, possibly under an existing customer). */
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', ref, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_records_import').on('import_records').columns(['import_id', 'entity', 'row_no']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_records').execute();
  await db.schema.dropTable('import_results').execute();
  await db.schema.dropTable('import_rows').execute();
  await db.schema.dropTable('imports').execute();
}
