import type { Kysely } from 'kysely';
import { longGramsOf, PART_SEPARATOR } from './frozen/search-2026-11-27.js';

// Search n-grams gain 4-digit and 3-letter windows (see longGramsOf): phone fragments and Latin
// words were narrowed by bigrams alone, which are in most customers. Existing customers get
// their windows from the search text they already have — its parts are exactly what the
// n-grams index — in batches so that memory stays flat on a large database.
const BATCH = 2_000;
/** Rows per INSERT: 2 parameters each, below SQLite's 32,766-variable limit. */
const ROWS_PER_INSERT = 10_000;

export async function up(db: Kysely<any>): Promise<void> {
  let after = 0;
  for (;;) {
    const customers: { id: number | string; search_text: string }[] = await db
      .selectFrom('customers')
      .select(['id', 'search_text'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (customers.length === 0) return;
    const rows: { gram: string; customer_id: number }[] = [];
    for (const c of customers) {
      const parts = c.search_text.split(PART_SEPARATOR).filter((p) => p.length > 0);
      for (const gram of longGramsOf(parts)) rows.push({ gram, customer_id: Number(c.id) });
    }
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await db
        .insertInto('customer_ngrams')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    after = Number(customers[customers.length - 1]!.id);
  }
}

export async function down(): Promise<void> {
  // The extra windows are harmless to older code (it never looks them up).
}
