import { sql, type Kysely } from 'kysely';

// An import's commit now writes its rows in order of creation date across the whole file
// (imports/commit/run-commit.ts), and its cursor counts the rows done in that order instead of
// naming the last row number done. A commit interrupted before this change resumes correctly: the rows it
// had done (every row up to its old cursor) come first in its order, `ordered_after` records
// where they end, and its cursor becomes their count (`processed`).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').addColumn('ordered_after', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update imports set ordered_after = cursor_row, cursor_row = processed where status = 'committing'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // A row-number cursor can say "every row up to here", not "these rows in date order": a
  // commit that got past its file-order rows cannot go back, and is left to finish first.
  const { rows } = await sql<{ id: number }>`select id from imports i where status = 'committing'
    and cursor_row > (select count(*) from import_results r where r.import_id = i.id and r.row_no <= i.ordered_after)`.execute(db);
  if (rows.length) throw new Error(`imports ${rows.map((r) => r.id).join(', ')} are being committed in date order: let them finish first`);
  await sql`update imports set cursor_row = ordered_after where status = 'committing'`.execute(db);
  await db.schema.alterTable('imports').dropColumn('ordered_after').execute();
}
