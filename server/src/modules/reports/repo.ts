import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { fenOfSum, withExactSums, type ExactSum } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { activeGrantsTo, recycleBinScope, type CustomerScope } from '../../policy/scope.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';
import type { AgeingBounds } from './ageing.js';

// Every report starts from the scope's visible customers: figures never include a customer the
// viewer may not see. Money sums run over any number of rows, so they are exact BigInts
// (withExactSums), never numbers.

export interface FeeFilter {
  until: string;
  ownerId?: number | undefined;
  customerId?: number | undefined;
}

function feeRows(scope: CustomerScope, f: FeeFilter) {
  let q = scope
    .customers()
    .innerJoin('purchases', 'purchases.customer_id', 'customers.id')
    .innerJoin('products', 'products.id', 'purchases.product_id')
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .where('purchases.annual_fee_fen', '>', 0)
    .where('purchases.annual_fee_due_on', '<=', f.until);
  if (f.ownerId !== undefined) q = q.where('customers.owner_id', '=', f.ownerId);
  if (f.customerId !== undefined) q = q.where('customers.id', '=', f.customerId);
  return q;
}

export async function listFees(scope: CustomerScope, f: FeeFilter, limit: number, offset: number) {
  return feeRows(scope, f)
    .select([
      'customers.id as customer_id', 'customers.name as customer_name', 'users.display_name as owner_name',
      'purchases.id as purchase_id', 'products.name as product_name', 'purchases.annual_fee_fen', 'purchases.annual_fee_due_on',
    ])
    .orderBy('purchases.annual_fee_due_on')
    .orderBy('purchases.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

type FeeTotals = { count: number; fee: bigint; overdueCount: number; overdueFee: bigint };

function feeSums(sum: ExactSum, eb: ExpressionBuilder<DB, 'purchases'>, today: string) {
  return [
    eb.fn.countAll<number>().as('count'),
    sum(eb.ref('purchases.annual_fee_fen')).as('fee'),
    eb.fn.sum<number>(eb.case().when('purchases.annual_fee_due_on', '<', today).then(eb.lit(1)).else(eb.lit(0)).end()).as('overdue_count'),
    sum(eb.case().when('purchases.annual_fee_due_on', '<', today).then(eb.ref('purchases.annual_fee_fen')).else(eb.lit(0)).end()).as('overdue_fee'),
  ];
}

const toTotals = (r: { count: unknown; fee: unknown; overdue_count: unknown; overdue_fee: unknown } | undefined): FeeTotals => ({
  count: Number(r?.count ?? 0), fee: fenOfSum(r?.fee), overdueCount: Number(r?.overdue_count ?? 0), overdueFee: fenOfSum(r?.overdue_fee),
});

export async function feeTotals(db: Kysely<DB>, scope: CustomerScope, f: FeeFilter, today: string): Promise<FeeTotals> {
  const bin = recycleBinScope(db, scope.actor);
  if (scope.visibility === 'all' && bin && f.ownerId === undefined && f.customerId === undefined) {
    // The admin over everything: every fee in range straight from the covering index, less the
    // fees of customers in the recycle bin (the only ones the scope leaves out) — rather than a
    // look-up of each fee's customer, which grows with the customers.
    const [all, binned] = await withExactSums(db, (sum) =>
      Promise.all([
        db
          .selectFrom('purchases')
          .where('purchases.annual_fee_fen', '>', 0)
          .where('purchases.annual_fee_due_on', '<=', f.until)
          .select((eb) => feeSums(sum, eb, today))
          .executeTakeFirst(),
        bin
          .customers()
          .innerJoin('purchases', 'purchases.customer_id', 'customers.id')
          .where('purchases.annual_fee_fen', '>', 0)
          .where('purchases.annual_fee_due_on', '<=', f.until)
          .select((eb) => feeSums(sum, eb as unknown as ExpressionBuilder<DB, 'purchases'>, today))
          .executeTakeFirst(),
      ]),
    );
    const a = toTotals(all);
    const b = toTotals(binned);
    return { count: a.count - b.count, fee: a.fee - b.fee, overdueCount: a.overdueCount - b.overdueCount, overdueFee: a.overdueFee - b.overdueFee };
  }
  return toTotals(
    await withExactSums(db, (sum) => feeRows(scope, f).select((eb) => feeSums(sum, eb as unknown as ExpressionBuilder<DB, 'purchases'>, today)).executeTakeFirst()),
  );
}

export async function remindersFor(db: Kysely<DB>, scope: CustomerScope, rows: { purchase_id: number; customer_id: number }[]) {
  if (rows.length === 0) return [];
  // The visibility subquery narrowed to the page's customers: otherwise it lists every visible one.
  const customerIds = [...new Set(rows.map((r) => r.customer_id))];
  return db
    .selectFrom('fee_reminders')
    .selectAll()
    .where('purchase_id', 'in', rows.map((r) => r.purchase_id))
    .where('customer_id', 'in', scope.customerIds().where('customers.id', 'in', customerIds))
    .orderBy('id', 'desc')
    .execute();
}

export async function insertReminder(
  db: Kysely<DB>,
  customer: VisibleCustomer,
  row: { purchase_id: number; due_on: string; note: string; actor_name: string; at: string },
) {
  return db
    .insertInto('fee_reminders')
    .values({ purchase_id: row.purchase_id, customer_id: customer.id, due_on: row.due_on, note: row.note, actor_name: row.actor_name, at: row.at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

// --- arrears ------------------------------------------------------------------------------

type PurchaseEb = ExpressionBuilder<DB, 'purchases'>;
const owedOf = (eb: PurchaseEb) => eb('purchases.amount_fen', '-', eb.ref('purchases.paid_fen'));

/** The three recent ageing buckets; "over 90 days" is what is owed minus these. */
function recentAgeing(sum: ExactSum, eb: PurchaseEb, b: AgeingBounds) {
  const owed = owedOf(eb);
  return [
    sum(eb.case().when('purchases.purchased_on', '>=', b.from30).then(owed).else(eb.lit(0)).end()).as('d0to30'),
    sum(eb.case().when(eb.and([eb('purchases.purchased_on', '<', b.from30), eb('purchases.purchased_on', '>=', b.from60)])).then(owed).else(eb.lit(0)).end())
      .as('d31to60'),
    sum(eb.case().when('purchases.purchased_on', '<', b.from60).then(owed).else(eb.lit(0)).end()).as('d61to90'),
  ];
}

export interface Ageing {
  d0to30: bigint;
  d31to60: bigint;
  d61to90: bigint;
  over90: bigint;
}

function withOver90(owed: bigint, recent: { d0to30?: unknown; d31to60?: unknown; d61to90?: unknown } | undefined): Ageing {
  const d0to30 = fenOfSum(recent?.d0to30);
  const d31to60 = fenOfSum(recent?.d31to60);
  const d61to90 = fenOfSum(recent?.d61to90);
  return { d0to30, d31to60, d61to90, over90: owed - d0to30 - d31to60 - d61to90 };
}

/**
 * The arrears rows (customer_arrears: one per live owing customer) the scope may see. A
 * salesperson's rows are narrowed first by owner or active grant (the owner index), then the
 * scope decides on the customer itself; the admin's rows are walked in owed order and each
 * customer looked up by id (CROSS JOIN keeps that order in SQLite).
 */
function owingCustomers(db: Kysely<DB>, scope: CustomerScope, ownerId?: number) {
  let q = db
    .selectFrom('customer_arrears as a')
    .crossJoin('customers')
    .whereRef('customers.id', '=', 'a.customer_id')
    .where((eb) => scope.where(eb as unknown as ExpressionBuilder<DB, 'customers'>));
  if (ownerId !== undefined) q = q.where('a.owner_id', '=', ownerId);
  if (scope.visibility !== 'all') {
    q = q.where((eb) => eb.or([eb('a.owner_id', '=', scope.actor.id), eb('a.customer_id', 'in', activeGrantsTo(db, scope.actor.id, scope.today))]));
  }
  return q;
}

export interface ArrearsRow extends Ageing {
  customer_id: number;
  customer_name: string;
  owner_name: string;
  total: bigint;
  paid: bigint;
  owed: bigint;
  oldest: string;
}

export async function listArrears(
  db: Kysely<DB>,
  scope: CustomerScope,
  bounds: AgeingBounds,
  ownerId: number | undefined,
  limit: number,
  offset: number,
): Promise<ArrearsRow[]> {
  const rows = await owingCustomers(db, scope, ownerId)
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .select(['customers.id as customer_id', 'customers.name as customer_name', 'users.display_name as owner_name', 'a.total_fen', 'a.paid_fen', 'a.owed_fen', 'a.oldest_on'])
    .orderBy('a.owed_fen', 'desc')
    .orderBy('a.customer_id')
    .limit(limit)
    .offset(offset)
    .execute();
  if (rows.length === 0) return [];
  // Ageing of the listed customers only, from their owing purchases.
  const recent = await withExactSums(db, (sum) =>
    db
      .selectFrom('purchases')
      .whereRef('purchases.amount_fen', '>', 'purchases.paid_fen')
      .where('purchases.customer_id', 'in', rows.map((r) => r.customer_id))
      .where('purchases.purchased_on', '>=', bounds.from90)
      .groupBy('purchases.customer_id')
      .select((eb) => ['purchases.customer_id', ...recentAgeing(sum, eb, bounds)])
      .execute(),
  );
  const byCustomer = new Map(recent.map((r) => [Number(r.customer_id), r]));
  return rows.map((r) => ({
    customer_id: Number(r.customer_id), customer_name: r.customer_name, owner_name: r.owner_name,
    total: fenOfSum(r.total_fen), paid: fenOfSum(r.paid_fen), owed: fenOfSum(r.owed_fen), oldest: r.oldest_on,
    ...withOver90(fenOfSum(r.owed_fen), byCustomer.get(Number(r.customer_id))),
  }));
}

export interface OwnerArrears extends Ageing {
  owner_id: number;
  owner_name: string;
  customers: number;
  total: bigint;
  paid: bigint;
  owed: bigint;
}

/** Sums per owner, largest debt first (the overall totals are their sum). */
export async function arrearsByOwner(db: Kysely<DB>, scope: CustomerScope, bounds: AgeingBounds, ownerId?: number): Promise<OwnerArrears[]> {
  const sums = (sum: ExactSum, eb: ExpressionBuilder<DB & { a: DB['customer_arrears'] }, 'a'>) => [
    eb.fn.countAll<number>().as('customers'),
    sum(eb.ref('a.total_fen')).as('total'),
    sum(eb.ref('a.paid_fen')).as('paid'),
    sum(eb.ref('a.owed_fen')).as('owed'),
  ];
  // The admin sees every live customer, and customer_arrears holds live customers only: the
  // sums come straight from its owner index, without a look-up per customer.
  const perOwner = await withExactSums(db, (sum) =>
    scope.visibility === 'all'
      ? (ownerId !== undefined ? db.selectFrom('customer_arrears as a').where('a.owner_id', '=', ownerId) : db.selectFrom('customer_arrears as a'))
          .groupBy('a.owner_id')
          .select((eb) => ['a.owner_id', ...sums(sum, eb as never)])
          .execute()
      : owingCustomers(db, scope, ownerId)
          .groupBy('a.owner_id')
          .select((eb) => ['a.owner_id', ...sums(sum, eb as never)])
          .execute(),
  );
  if (perOwner.length === 0) return [];
  // The last 90 days by purchase date (the partial index of owing purchases by date), with each
  // purchase's owner. For the admin the owner comes from customer_arrears, which holds every
  // live owing customer: PostgreSQL otherwise hash-joined the purchases against every customer.
  // Other viewers' purchases go through their scope on customers.
  const recentOwing = <Q extends SelectQueryBuilder<DB, 'purchases', object>>(q: Q) =>
    q.whereRef('purchases.amount_fen', '>', 'purchases.paid_fen').where('purchases.purchased_on', '>=', bounds.from90);
  const recent = await withExactSums(db, (sum) =>
    scope.visibility === 'all'
      ? recentOwing(db.selectFrom('purchases'))
          .crossJoin('customer_arrears as a')
          .whereRef('a.customer_id', '=', 'purchases.customer_id')
          .$if(ownerId !== undefined, (q) => q.where('a.owner_id', '=', ownerId!))
          .groupBy('a.owner_id')
          .select((eb) => ['a.owner_id', ...recentAgeing(sum, eb as unknown as PurchaseEb, bounds)])
          .execute()
      : recentOwing(db.selectFrom('purchases'))
          .crossJoin('customers')
          .whereRef('customers.id', '=', 'purchases.customer_id')
          .where((eb) => scope.where(eb as unknown as ExpressionBuilder<DB, 'customers'>))
          .$if(ownerId !== undefined, (q) => q.where('customers.owner_id', '=', ownerId!))
          .groupBy('customers.owner_id')
          .select((eb) => ['customers.owner_id', ...recentAgeing(sum, eb as unknown as PurchaseEb, bounds)])
          .execute(),
  );
  const recentByOwner = new Map(recent.map((r) => [Number(r.owner_id), r]));
  const names = new Map(
    (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', perOwner.map((o) => o.owner_id)).execute()).map((u) => [Number(u.id), u.display_name]),
  );
  return perOwner
    .map((o) => ({
      owner_id: Number(o.owner_id), owner_name: names.get(Number(o.owner_id)) ?? '', customers: Number(o.customers),
      total: fenOfSum(o.total), paid: fenOfSum(o.paid), owed: fenOfSum(o.owed),
      ...withOver90(fenOfSum(o.owed), recentByOwner.get(Number(o.owner_id))),
    }))
    .sort((x, y) => (y.owed > x.owed ? 1 : y.owed < x.owed ? -1 : x.owner_id - y.owner_id));
}

// --- charts -------------------------------------------------------------------------------

export async function feesByMonth(db: Kysely<DB>, scope: CustomerScope, from: string, until: string) {
  return withExactSums(db, (sum) =>
    scope
      .customers()
      .innerJoin('purchases', 'purchases.customer_id', 'customers.id')
      .where('purchases.annual_fee_fen', '>', 0)
      .where('purchases.annual_fee_due_on', '>=', from)
      .where('purchases.annual_fee_due_on', '<=', until)
      .select((eb) => [
        eb.fn<string>('substr', ['purchases.annual_fee_due_on', eb.lit(1), eb.lit(7)]).as('month'),
        sum(eb.ref('purchases.annual_fee_fen')).as('fee'),
        eb.fn.countAll<number>().as('count'),
      ])
      .groupBy('month')
      .orderBy('month')
      .execute(),
  );
}

export async function newCustomersByMonth(scope: CustomerScope, fromDate: string) {
  return scope
    .customers()
    .innerJoin('customer_statuses', 'customer_statuses.id', 'customers.status_id')
    .where('customers.created_on', '>=', fromDate)
    .select((eb) => [
      eb.fn<string>('substr', ['customers.created_on', eb.lit(1), eb.lit(7)]).as('month'),
      'customer_statuses.name as status_name',
      'customer_statuses.sort_order',
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy(['month', 'customer_statuses.name', 'customer_statuses.sort_order'])
    .orderBy('month')
    .orderBy('customer_statuses.sort_order')
    .execute();
}

export async function recentChanges(db: Kysely<DB>, scope: CustomerScope, limit: number) {
  return db
    .selectFrom('audit_log')
    .innerJoin('customers', 'customers.id', 'audit_log.customer_id')
    .select(['audit_log.customer_id', 'customers.name as customer_name', 'audit_log.at', 'audit_log.actor_name', 'audit_log.entity', 'audit_log.action'])
    .where('audit_log.customer_id', 'in', scope.customerIds())
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
}
