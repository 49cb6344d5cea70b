import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { PART_SEPARATOR, searchOf } from '../src/modules/customers/search-text.js';
import { allIndexedTerms, asIndexed, indexTerms } from '../src/modules/customers/term-index.js';

/** Invariants that every committed state of the database keeps; returns what is broken. */
export async function inconsistencies(db: Kysely<DB>): Promise<string[]> {
  const problems: string[] = [];
  const counted = await db
    .selectFrom('customers')
    .select(['owner_id', 'status_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy(['owner_id', 'status_id'])
    .execute();
  const counters = await db.selectFrom('customer_counts').selectAll().where('n', '!=', 0).execute();
  const key = (r: { owner_id: number; status_id: number; n: number }) => `${r.owner_id}/${r.status_id}=${Number(r.n)}`;
  const a = counted.map(key).sort().join(',');
  const b = counters.map(key).sort().join(',');
  if (a !== b) problems.push(`customer_counts (${b}) differ from the customers (${a})`);
  problems.push(...(await staleSearch(db)));
  // An import's own tables have no foreign key on PostgreSQL (docs/decisions/0011).
  for (const table of ['import_rows', 'import_results', 'import_records'] as const) {
    const orphan = await db
      .selectFrom(table)
      .select('import_id')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('imports').select('imports.id').whereRef('imports.id', '=', `${table}.import_id`))))
      .limit(1)
      .executeTakeFirst();
    if (orphan) problems.push(`${table}: rows of import ${orphan.import_id}, which does not exist`);
  }
  // customer_arrears is what a recomputation from the purchases gives.
  const ledger = await db.selectFrom('customer_arrears').selectAll().orderBy('customer_id').execute();
  const recomputed = await db
    .selectFrom('purchases')
    .innerJoin('customers', 'customers.id', 'purchases.customer_id')
    .whereRef('purchases.amount_fen', '>', 'purchases.paid_fen')
    .where('customers.deleted_at', 'is', null)
    .groupBy(['purchases.customer_id', 'customers.owner_id'])
    .select((eb) => [
      'purchases.customer_id',
      'customers.owner_id',
      eb.fn.sum<number>('purchases.amount_fen').as('total_fen'),
      eb.fn.sum<number>('purchases.paid_fen').as('paid_fen'),
      eb.fn.min<string>('purchases.purchased_on').as('oldest_on'),
    ])
    .orderBy('purchases.customer_id')
    .execute();
  const arrearsKey = (r: { customer_id: number; owner_id: number; total_fen: number; paid_fen: number; oldest_on: string }) =>
    `${r.customer_id}:${r.owner_id}:${Number(r.total_fen)}:${Number(r.paid_fen)}:${r.oldest_on}`;
  const ledgerKeys = ledger.map((r) => arrearsKey(r) + `:${Number(r.owed_fen) === Number(r.total_fen) - Number(r.paid_fen)}`).join(',');
  const recomputedKeys = recomputed.map((r) => arrearsKey(r) + ':true').join(',');
  if (ledgerKeys !== recomputedKeys) problems.push(`customer_arrears (${ledgerKeys}) differ from the purchases (${recomputedKeys})`);
  const purchases = await db.selectFrom('purchases').select(['id', 'paid_fen']).execute();
  for (const p of purchases) {
    const sum = await db.selectFrom('payments').select((eb) => eb.fn.sum<number>('amount_fen').as('s')).where('purchase_id', '=', p.id).executeTakeFirst();
    if (Number(sum?.s ?? 0) !== Number(p.paid_fen)) problems.push(`purchase ${p.id} paid_fen ${p.paid_fen} ≠ payments ${sum?.s}`);
  }
  return problems;
}

/**
 * Every customer's search text and index terms are what its fields and contacts give now (as
 * refreshSearch computes them): no edit of a customer or of its contacts was lost from the
 * index, even when the two ran at the same time. Nothing else is indexed: no foreign key guards
 * the index (an FTS5 table has none, and PostgreSQL's has none either, decision 0007).
 */
async function staleSearch(db: Kysely<DB>): Promise<string[]> {
  const customers = await db.selectFrom('customers').select(['id', 'name', 'keyword', 'phone', 'search_text']).orderBy('id').execute();
  const contacts = new Map<number, { name: string; mobile: string; phone: string }[]>();
  for (const c of await db.selectFrom('contacts').select(['customer_id', 'name', 'mobile', 'phone']).orderBy('id').execute()) {
    contacts.set(Number(c.customer_id), [...(contacts.get(Number(c.customer_id)) ?? []), c]);
  }
  const indexed = await allIndexedTerms(db);
  // Parts compared as a set: the contacts' order is the order the database returned them in.
  const partsOf = (text: string) => text.split(PART_SEPARATOR).filter(Boolean).sort().join(PART_SEPARATOR);
  const problems: string[] = [];
  for (const c of customers) {
    const want = searchOf(c, contacts.get(Number(c.id)) ?? []);
    if (partsOf(c.search_text) !== partsOf(want.searchText)) problems.push(`customer ${c.id}: search_text is not what its fields and contacts give`);
    const have = indexed.get(Number(c.id));
    if (!have) problems.push(`customer ${c.id}: not in the search index`);
    else if (asIndexed(db, indexTerms(want.grams)).sort().join(' ') !== have.sort().join(' ')) problems.push(`customer ${c.id}: index terms are not what its fields and contacts give`);
    indexed.delete(Number(c.id));
  }
  if (indexed.size) problems.push(`search index entries of no customer: ${[...indexed.keys()].join(',')}`);
  return problems;
}
