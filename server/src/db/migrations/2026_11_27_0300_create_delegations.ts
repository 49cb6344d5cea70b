import type { Kysely } from 'kysely';
import { checkIn, dialectOf, withIdColumn } from '../dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';

  // A grant (授权) of one customer by its owner to another salesperson. Active while not
  // ended and its inclusive end date (a business date) has not passed: lapse is decided by
  // every query against "today", never by a timer.
  await withIdColumn(db.schema.createTable('delegations'), dialect)
    .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id'))
    .addColumn('from_user_id', ref, (c) => c.notNull().references('users.id'))
    .addColumn('to_user_id', ref, (c) => c.notNull().references('users.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('granted_by', ref, (c) => c.references('users.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', ref)
    .addColumn('end_reason', 'text', (c) => c.check(checkIn('end_reason', ['revoked', 'transferred', 'user_disabled'])))
    .execute();
  await db.schema
    .createIndex('delegations_received')
    .on('delegations')
    .columns(['to_user_id', 'ended_at', 'ends_on', 'customer_id'])
    .execute();
  await db.schema.createIndex('delegations_customer').on('delegations').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('delegations_given').on('delegations').columns(['from_user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delegations').execute();
}
