import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// PostgreSQL: the search index's terms compare byte by byte (collation "C") instead of by the
// database's collation. The index only ever tests terms for equality and containment, never
// for an order a person reads, and a locale comparison (strcoll) of every pair of terms was a
// tenth of the database's work in an import: sorting each customer's ~70 terms, and sorting the
// pending list into the posting lists. Searches are unchanged: a query's array of terms takes
// the column's collation. Only the index is rebuilt, not the table (its file stays the same);
// at 1M customers the reverse change took 2 min 20 s with its ANALYZE. SQLite's FTS5 compares
// tokens as bytes already.
export async function up(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  await sql`alter table customer_search alter column terms type text[] collate "C"`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  await sql`alter table customer_search alter column terms type text[] collate "default"`.execute(db);
}
