import { sql, type Kysely } from 'kysely';
import { gramsOf, indexNewCustomers, PART_SEPARATOR } from './frozen/search-2026-11-27.js';
import { binaryCollation, dialectOf, withoutRowid } from '../dialect.js';

// The search index moves from customer_ngrams, a B-tree of (gram, customer) rows, to posting
// lists: an FTS5 table on SQLite and a text[] per customer under GIN on PostgreSQL
// (docs/decisions/0008, customers/term-index.ts). Each customer's terms come from the search
// text it already has (its parts are exactly what the grams index), in batches so that memory
// stays flat on a large database.
const BATCH = 5_000;

/** Every customer with its grams, from its search text, `size` customers at a time. */
async function* customersWithGrams(db: Kysely<any>, size: number) {
  for (let after = 0; ; ) {
    const customers: { id: number | string; search_text: string }[] = await db
      .selectFrom('customers')
      .select(['id', 'search_text'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(size)
      .execute();
    if (customers.length === 0) return;
    yield customers.map((c) => ({ id: Number(c.id), grams: gramsOf(c.search_text.split(PART_SEPARATOR).filter((p) => p.length > 0)) }));
    after = Number(customers[customers.length - 1]!.id);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  if (dialect === 'postgres') {
    await sql`create table customer_search (customer_id bigint primary key, terms text[] not null)`.execute(db);
  } else {
    // content='': the table keeps only the index, not the documents; contentless_delete=1 lets
    // a customer's entry be replaced; detail=none: no positions, a term is in a customer or not.
    await sql`create virtual table customer_search using fts5(terms, content='', contentless_delete=1, detail=none, tokenize='ascii')`.execute(db);
  }
  for await (const customers of customersWithGrams(db, BATCH)) await indexNewCustomers(db, customers);
  // Built once over the filled table: faster than growing it row by row. New entries wait in
  // the index's pending list until it holds this many kB, and every search reads the whole
  // list: the default 4 MB made each look-up of an import's validation cost a millisecond.
  if (dialect === 'postgres') {
    await sql`create index customer_search_terms on customer_search using gin (terms) with (gin_pending_list_limit = 512)`.execute(db);
  }
  await db.schema.dropTable('customer_ngrams').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  await withoutRowid(
    db.schema
      .createTable('customer_ngrams')
      .addColumn('gram', 'text', (c) => binaryCollation(c.notNull(), dialect))
      // As after migration 1300: a foreign key on SQLite only.
      .addColumn('customer_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
        dialect === 'postgres' ? c.notNull() : c.notNull().references('customers.id').onDelete('cascade'),
      )
      .addPrimaryKeyConstraint('customer_ngrams_pk', ['gram', 'customer_id']),
    dialect,
  ).execute();
  await db.schema.createIndex('customer_ngrams_customer').on('customer_ngrams').column('customer_id').execute();
  for await (const customers of customersWithGrams(db, BATCH / 5)) {
    const rows = customers.flatMap((c) => c.grams.map((gram) => ({ gram, customer_id: c.id })));
    for (let i = 0; i < rows.length; i += 10_000) await db.insertInto('customer_ngrams').values(rows.slice(i, i + 10_000)).execute();
  }
  await sql`drop table customer_search`.execute(db);
}
