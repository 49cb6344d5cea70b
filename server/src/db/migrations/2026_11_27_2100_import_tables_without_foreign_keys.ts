import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// PostgreSQL: an import's own tables — its staged rows, its validation report and its record of
// what it created — lose their foreign key to `imports` (docs/decisions/0011). PostgreSQL
// checks such a key with a row trigger that looks up and share-locks the import's row once per
// inserted row: 3–10 µs each, and an import of 100,000 customers inserts ~420,000 such rows
// (100,000 staged, 100,000 results, ~216,000 records). In a probe of 216,000 rows the key made
// the insert three times slower (2.8–3.2 s against 0.9–1.0 s). Only the import module writes
// these tables, always for an import it has just read or created, and imports are deleted in
// one place (a refused upload), which now deletes their rows itself. The consistency check of
// the tests looks for rows of no import. SQLite keeps the keys: dropping one there rebuilds the
// table, and its check is an index probe costing a few per cent.
const TABLES = ['import_rows', 'import_results', 'import_records'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  for (const table of TABLES) {
    const keys = await sql<{ conname: string }>`
      select conname from pg_constraint where conrelid = ${table}::regclass and contype = 'f'`.execute(db);
    for (const { conname } of keys.rows) await db.schema.alterTable(table).dropConstraint(conname).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  for (const table of TABLES) {
    await db.schema.alterTable(table).addForeignKeyConstraint(`${table}_import_id_fkey`, ['import_id'], 'imports', ['id']).onDelete('cascade').execute();
  }
}
