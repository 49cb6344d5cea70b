import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// PostgreSQL: the size of the search index's pending list moves from the index to the session.
// An index's own setting overrides the session's, and an import needs a larger list than a
// search can afford: every search reads the whole list, so the app's connections keep it at
// 512 kB (db/database.ts), while an import's transactions let it grow to 4 MB and its last one
// empties it (customers/term-index.ts). Flushed at 512 kB, the index's upkeep took a third of
// a 100,000-row import. SQLite has no such list.
export async function up(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  await sql`alter index customer_search_terms reset (gin_pending_list_limit)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  await sql`alter index customer_search_terms set (gin_pending_list_limit = 512)`.execute(db);
}
