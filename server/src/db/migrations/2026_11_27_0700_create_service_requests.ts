import type { Kysely } from 'kysely';
import { checkIn, dialectOf, withIdColumn } from '../dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  await withIdColumn(db.schema.createTable('service_requests'), dialect)
    .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('priority', 'text', (c) => c.notNull().check(checkIn('priority', ['low', 'normal', 'high', 'urgent'])))
    .addColumn('purchase_id', ref, (c) => c.references('purchases.id'))
    .addColumn('contact_id', ref, (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(checkIn('status', ['new', 'in_progress', 'resolved', 'closed', 'reopened'])))
    .addColumn('assignee_id', ref, (c) => c.references('users.id'))
    .addColumn('resolution', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('time_spent_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_name', 'text', (c) => c.notNull())
    // The last time anything happened to the request: "overdue" means nothing for N days.
    .addColumn('last_progress_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_requests_customer').on('service_requests').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('service_requests_assignee').on('service_requests').columns(['assignee_id', 'status', 'id']).execute();
  await db.schema.createIndex('service_requests_status').on('service_requests').columns(['status', 'last_progress_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_requests').execute();
}
