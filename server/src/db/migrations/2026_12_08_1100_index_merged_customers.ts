import type { Kysely } from 'kysely';

// A customer's timeline reads the log of the customers merged into it, found by merged_into_id.
// Only merged customers have one, so the index holds those rows alone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('customers_merged_into').on('customers').column('merged_into_id').where('merged_into_id', 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customers_merged_into').execute();
}
