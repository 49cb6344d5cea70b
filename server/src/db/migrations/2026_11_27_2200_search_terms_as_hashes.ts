import { sql, type Kysely } from 'kysely';
import { gramsOf, indexTerms, PART_SEPARATOR, TERM_SEPARATOR, termHash } from './frozen/search-2026-11-27.js';
import { dialectOf } from '../dialect.js';

// PostgreSQL: the search index keeps each term as a 53-bit hash (bigint[]) instead of as text
// (docs/decisions/0012, customers/term-index.ts termHash). GIN's upkeep of bigints is cheaper:
// an import spent a third of its commit on the index. Both directions rebuild the table from
// each customer's search text, as migration 1500 did, in pages so that memory stays flat, and
// build the GIN index once over the filled table. The entries are written by this file's own
// statement, not by term-index.ts's writers, so that it keeps doing what it does when a later
// migration changes the index. SQLite's FTS5 index is unchanged.
const PAGE = 5_000;

async function rebuild(db: Kysely<any>, type: 'bigint[]' | 'text[] collate "C"', entryOf: (terms: string[]) => string) {
  await sql`drop table customer_search`.execute(db);
  await sql`create table customer_search (customer_id bigint primary key, terms ${sql.raw(type)} not null)`.execute(db);
  const cast = type === 'bigint[]' ? sql`::bigint[]` : sql``;
  for (let after = 0; ; ) {
    const customers: { id: number | string; search_text: string }[] = await db
      .selectFrom('customers')
      .select(['id', 'search_text'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (customers.length === 0) break;
    const ids = customers.map((c) => Number(c.id));
    const entries = customers.map((c) => entryOf(indexTerms(gramsOf(c.search_text.split(PART_SEPARATOR).filter((p) => p.length > 0)))));
    await sql`insert into customer_search (customer_id, terms)
      select id, string_to_array(entry, ${TERM_SEPARATOR})${cast} from unnest(${ids}::bigint[], ${entries}::text[]) as e (id, entry)`.execute(db);
    after = ids[ids.length - 1]!;
  }
  // Migrations 1500 and 1900: no pending-list setting on the index itself. (The migration runs
  // in a transaction, which `set local` lasts for.) More memory builds a large index faster.
  await sql`set local maintenance_work_mem = '256MB'`.execute(db);
  await sql`create index customer_search_terms on customer_search using gin (terms)`.execute(db);
  await sql`analyze customer_search`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  await rebuild(db, 'bigint[]', (terms) => terms.map(termHash).join(TERM_SEPARATOR));
}

export async function down(db: Kysely<any>): Promise<void> {
  if ((await dialectOf(db)) !== 'postgres') return;
  await rebuild(db, 'text[] collate "C"', (terms) => terms.join(TERM_SEPARATOR));
}
