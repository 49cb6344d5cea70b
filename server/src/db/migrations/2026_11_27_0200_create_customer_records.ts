import type { Kysely } from 'kysely';
import { dialectOf, withIdColumn } from '../dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';

  await withIdColumn(db.schema.createTable('contacts'), dialect)
    .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mobile', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('wechat', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('qq', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_customer').on('contacts').columns(['customer_id', 'id']).execute();

  await withIdColumn(db.schema.createTable('followups'), dialect)
    .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id'))
    .addColumn('author_id', ref, (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('next_follow_up_on', 'text')
    // Where the follow-up sits in the customer's timeline: the moment it was written when it
    // happened today, else the start of the (backdated) day it happened.
    .addColumn('sort_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('followups_customer').on('followups').columns(['customer_id', 'sort_at', 'id']).execute();

  // The next follow-up date of the customer's most recent follow-up, kept on the customer so
  // that "due today / overdue" is an index range per owner.
  await db.schema.alterTable('customers').addColumn('next_follow_up_on', 'text').execute();
  const live = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('customers').columns(columns).where('deleted_at', 'is', null).execute();
  await live('customers_owner_next_follow_up', ['owner_id', 'next_follow_up_on']);
  await live('customers_next_follow_up', ['next_follow_up_on']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customers_next_follow_up').execute();
  await db.schema.dropIndex('customers_owner_next_follow_up').execute();
  await db.schema.alterTable('customers').dropColumn('next_follow_up_on').execute();
  await db.schema.dropTable('followups').execute();
  await db.schema.dropTable('contacts').execute();
}
