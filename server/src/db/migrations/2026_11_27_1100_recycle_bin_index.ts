import type { Kysely } from 'kysely';

// `customers_deleted (deleted_at, id)` covered every row, so `deleted_at IS NULL` — in every
// visibility scope — looked like an equality lookup to SQLite's planner, which then preferred
// it to the index that gives the list's order: at 1M customers a search page walked all live
// customers and sorted them (~700 ms), and the duplicate check scanned them when no keyword
// matched. Only the recycle bin needs it, and only for deleted rows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customers_deleted').execute();
  await db.schema.createIndex('customers_deleted').on('customers').columns(['deleted_at', 'id']).where('deleted_at', 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customers_deleted').execute();
  await db.schema.createIndex('customers_deleted').on('customers').columns(['deleted_at', 'id']).execute();
}
