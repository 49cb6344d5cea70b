import type { Kysely } from 'kysely';
import { dialectOf, withIdColumn } from '../dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  // "Reminded" marks on annual fees falling due (年费催缴): one row per reminder, for the due
  // date it was about, so paying the fee (a new due date) starts with no mark.
  await withIdColumn(db.schema.createTable('fee_reminders'), dialect)
    .addColumn('purchase_id', ref, (c) => c.notNull().references('purchases.id'))
    .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fee_reminders_purchase').on('fee_reminders').columns(['purchase_id', 'due_on', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fee_reminders').execute();
}
