import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { allIndexedTerms, asIndexed, indexTerms, PART_SEPARATOR, searchOf } from '../src/search/index.js';
import { recordInconsistencies } from './consistency-records.js';
import { duplicateKeysOf, keyDeltas } from '../../common/duplicates/keys.js';

/**
 * Invariants that every committed state of the database keeps; returns what is broken, one
 * line per row or key (so that a test can tell the problems it caused from earlier ones).
 * Every derived value is compared with a recount: the counters, the arrears ledger, what a
 * purchase was paid, the search text and index, the duplicate keys and their group counters, and (consistency-records.ts) the next
 * follow-up, the annual-fee due dates, quotes bought once, grants and (unless
 * `auditTrail: false`) one log entry per record created or changed.
 */
export async function inconsistencies(db: Kysely<DB>, options = { auditTrail: true }): Promise<string[]> {
  return [
    ...(await staleCounts(db)),
    ...(await staleDuplicateKeys(db)),
    ...(await staleSearch(db)),
    ...(await orphanImportRows(db)),
    ...(await staleArrears(db)),
    ...(await stalePaid(db)),
    ...(await recordInconsistencies(db, options)),
  ];
}

/** customer_counts holds, per owner and status, the number of live customers. */
async function staleCounts(db: Kysely<DB>): Promise<string[]> {
  const counted = await db
    .selectFrom('customers')
    .select(['owner_id', 'status_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy(['owner_id', 'status_id'])
    .execute();
  const counters = await db.selectFrom('customer_counts').selectAll().execute();
  const want = new Map(counted.map((r) => [`${r.owner_id}/${r.status_id}`, Number(r.n)]));
  const have = new Map(counters.map((r) => [`${r.owner_id}/${r.status_id}`, Number(r.n)]));
  const problems: string[] = [];
  for (const key of new Set([...want.keys(), ...have.keys()])) {
    if ((want.get(key) ?? 0) !== (have.get(key) ?? 0)) {
      problems.push(`customer_counts ${key} (owner/status) is ${have.get(key) ?? 'missing'}, the customers give ${want.get(key) ?? 0}`);
    }
  }
  return problems;
}

/** Each customer's duplicate keys are what its name and keyword give; duplicate_keys counts the live ones. */
async function staleDuplicateKeys(db: Kysely<DB>): Promise<string[]> {
  const customers = await db.selectFrom('customers').select(['id', 'name', 'keyword', 'name_norm', 'keyword_norm', 'name_core', 'deleted_at']).execute();
  const problems: string[] = [];
  const want = new Map<string, number>();
  for (const c of customers) {
    const keys = duplicateKeysOf(c.name, c.keyword);
    if (keys.name_norm !== c.name_norm || keys.keyword_norm !== c.keyword_norm || keys.name_core !== c.name_core) {
      problems.push(`customer ${c.id}: duplicate keys are not what its name and keyword give`);
    }
    if (c.deleted_at === null) for (const d of keyDeltas([keys], 1)) want.set(`${d.reason}/${d.key}`, (want.get(`${d.reason}/${d.key}`) ?? 0) + 1);
  }
  const have = new Map((await db.selectFrom('duplicate_keys').selectAll().execute()).map((r) => [`${r.reason}/${r.key}`, Number(r.customers)]));
  for (const key of new Set([...want.keys(), ...have.keys()])) {
    if ((want.get(key) ?? 0) !== (have.get(key) ?? 0)) problems.push(`duplicate_keys ${key} is ${have.get(key) ?? 'missing'}, the customers give ${want.get(key) ?? 0}`);
  }
  return problems;
}

// An import's own tables have no foreign key on PostgreSQL (docs/decisions/0011).
async function orphanImportRows(db: Kysely<DB>): Promise<string[]> {
  const problems: string[] = [];
  for (const table of ['import_rows', 'import_results', 'import_records'] as const) {
    const orphan = await db
      .selectFrom(table)
      .select('import_id')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('imports').select('imports.id').whereRef('imports.id', '=', `${table}.import_id`))))
      .limit(1)
      .executeTakeFirst();
    if (orphan) problems.push(`${table}: rows of import ${orphan.import_id}, which does not exist`);
  }
  return problems;
}

/** customer_arrears is what a recomputation from the purchases gives, customer by customer. */
async function staleArrears(db: Kysely<DB>): Promise<string[]> {
  const ledger = await db.selectFrom('customer_arrears').selectAll().execute();
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
    .execute();
  const text = (r: { owner_id: number; total_fen: number; paid_fen: number; owed_fen: number; oldest_on: string }) =>
    `owner ${r.owner_id} total ${Number(r.total_fen)} paid ${Number(r.paid_fen)} owed ${Number(r.owed_fen)} since ${r.oldest_on}`;
  const have = new Map(ledger.map((r) => [Number(r.customer_id), text(r)]));
  const want = new Map(recomputed.map((r) => [Number(r.customer_id), text({ ...r, owed_fen: Number(r.total_fen) - Number(r.paid_fen) })]));
  const problems: string[] = [];
  for (const id of new Set([...have.keys(), ...want.keys()])) {
    if (have.get(id) !== want.get(id)) {
      problems.push(`customer_arrears of customer ${id}: ${have.get(id) ?? 'no row'}; the purchases give ${want.get(id) ?? 'no row'}`);
    }
  }
  return problems;
}

/** A purchase's paid sum is the sum of its payments, never below 0 nor above its amount. */
async function stalePaid(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ id: number; amount_fen: number; paid_fen: number; payments_fen: number }>`
    select p.id, p.amount_fen, p.paid_fen, coalesce(s.total, 0) as payments_fen
    from purchases p
    left join (select purchase_id, sum(amount_fen) as total from payments group by purchase_id) s on s.purchase_id = p.id
    where p.paid_fen <> coalesce(s.total, 0) or p.paid_fen < 0 or p.paid_fen > p.amount_fen
    order by p.id`.execute(db);
  return rows.map(
    (r) => `purchase ${r.id}: paid_fen ${Number(r.paid_fen)}, its payments sum to ${Number(r.payments_fen)}, amount_fen ${Number(r.amount_fen)}`,
  );
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
