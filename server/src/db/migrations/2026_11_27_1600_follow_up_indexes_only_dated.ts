import type { Kysely } from 'kysely';

// The two follow-up indexes held every live customer, though only customers with a follow-up
// date are ever looked up in them: both queries ask for `next_follow_up_on <= day`, which
// implies the date is set, so SQLite and PostgreSQL both use an index limited to dated rows.
// A customer without a follow-up date — every imported or newly created one — now costs no
// entry in either index: an import of 100,000 rows writes 200,000 fewer index entries.
const indexes = [
  { name: 'customers_owner_next_follow_up', columns: ['owner_id', 'next_follow_up_on'] },
  { name: 'customers_next_follow_up', columns: ['next_follow_up_on'] },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const { name, columns } of indexes) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('customers').columns(columns).where('deleted_at', 'is', null).where('next_follow_up_on', 'is not', null).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { name, columns } of indexes) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('customers').columns(columns).where('deleted_at', 'is', null).execute();
  }
}
