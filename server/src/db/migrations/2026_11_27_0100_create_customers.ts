import type { Kysely } from 'kysely';
import { binaryCollation, dialectOf, withIdColumn, withoutRowid } from '../dialect.js';
import { defaultGenericKeywords } from './frozen/generic-keywords-2026-11-27.js';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  const now = new Date().toISOString();

  await withIdColumn(db.schema.createTable('customer_statuses'), dialect)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const statuses = ['潜在客户', '意向客户', '正式客户', '流失客户'];
  await db
    .insertInto('customer_statuses')
    .values(statuses.map((name, i) => ({ name, sort_order: (i + 1) * 10, created_at: now })))
    .execute();

  await withIdColumn(db.schema.createTable('customers'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('keyword_norm', 'text', (c) => c.notNull())
    .addColumn('status_id', ref, (c) => c.notNull().references('customer_statuses.id'))
    .addColumn('owner_id', ref, (c) => c.notNull().references('users.id'))
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('industry', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    // Normalised name, keyword, pinyin initials and phone digits, separated by \u0001:
    // what a search term is finally checked against after the n-gram index narrowed it down.
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', ref)
    .execute();
  // Keyset paging per filter combination, live rows only.
  const live = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('customers').columns(columns).where('deleted_at', 'is', null).execute();
  await live('customers_created', ['created_on', 'id']);
  await live('customers_status_created', ['status_id', 'created_on', 'id']);
  await live('customers_owner_created', ['owner_id', 'created_on', 'id']);
  await live('customers_owner_status_created', ['owner_id', 'status_id', 'created_on', 'id']);
  await live('customers_name', ['name', 'id']);
  await live('customers_updated', ['updated_at', 'id']);
  await live('customers_keyword', ['keyword_norm']);
  await db.schema.createIndex('customers_status_any').on('customers').column('status_id').execute();
  await db.schema.createIndex('customers_deleted').on('customers').columns(['deleted_at', 'id']).execute();

  // The n-gram index: every distinct bigram of a customer's search text (and each character
  // followed by the end mark, so a one-character term is a prefix scan).
  await withoutRowid(
    db.schema
      .createTable('customer_ngrams')
      .addColumn('gram', 'text', (c) => binaryCollation(c.notNull(), dialect))
      .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('customer_ngrams_pk', ['gram', 'customer_id']),
    dialect,
  ).execute();
  await db.schema.createIndex('customer_ngrams_customer').on('customer_ngrams').column('customer_id').execute();

  // Live customers per (owner, status), maintained by the customer service in the same
  // transaction as each change, so that status counts never scan the customers.
  await db.schema
    .createTable('customer_counts')
    .addColumn('owner_id', ref, (c) => c.notNull())
    .addColumn('status_id', ref, (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_counts_pk', ['owner_id', 'status_id'])
    .execute();

  await db.schema
    .createTable('generic_keywords')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('built_in', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('generic_keywords')
    .values(defaultGenericKeywords.map((word) => ({ word, built_in: 1 })))
    .execute();

  // Fixed-window request counters for rate-limited endpoints (shared by all app processes).
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['rate_limits', 'generic_keywords', 'customer_counts', 'customer_ngrams', 'customers', 'customer_statuses']) {
    await db.schema.dropTable(t).execute();
  }
}
