import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// PostgreSQL checks a foreign key with a row trigger that looks up and locks the parent row for
// every inserted child row. customer_ngrams gets ~60 rows per customer, so an import of 100,000
// customers ran six million such checks: a third of the time its n-gram inserts took. The key
// only ever guarded against n-grams of a customer that no longer exists, and customers are
// never deleted (the recycle bin keeps them), so it goes (docs/decisions/0007). SQLite keeps
// it: dropping a constraint there means rebuilding a table of tens of millions of rows, for a
// check that costs it about 5 %.
export async function up(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  const keys = await sql<{ conname: string }>`
    select conname from pg_constraint where conrelid = 'customer_ngrams'::regclass and contype = 'f'`.execute(db);
  for (const { conname } of keys.rows) await db.schema.alterTable('customer_ngrams').dropConstraint(conname).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  await db.schema
    .alterTable('customer_ngrams')
    .addForeignKeyConstraint('customer_ngrams_customer_id_fkey', ['customer_id'], 'customers', ['id'])
    .onDelete('cascade')
    .execute();
}
