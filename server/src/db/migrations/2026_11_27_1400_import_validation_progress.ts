import type { Kysely } from 'kysely';

// How many rows the running validation of an import has checked, for its progress bar: a
// 100,000-row file takes seconds to validate (more on PostgreSQL), and the request answers
// only at the end.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').addColumn('validated_rows', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('validated_rows').execute();
}
