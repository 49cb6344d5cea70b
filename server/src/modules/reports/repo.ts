import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';
import type { AgeingBounds } from './ageing.js';

// Every report starts from the scope's visible customers: figures never include a customer the
// viewer may not see.

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

export async function feeTotals(scope: CustomerScope, f: FeeFilter, today: string) {
  const row = await feeRows(scope, f)
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('purchases.annual_fee_fen').as('fee'),
      eb.fn.sum<number>(eb.case().when('purchases.annual_fee_due_on', '<', today).then(eb.lit(1)).else(eb.lit(0)).end()).as('overdue_count'),
      eb.fn.sum<number>(eb.case().when('purchases.annual_fee_due_on', '<', today).then(eb.ref('purchases.annual_fee_fen')).else(eb.lit(0)).end()).as('overdue_fee'),
    ])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), fee: Number(row.fee ?? 0), overdueCount: Number(row.overdue_count ?? 0), overdueFee: Number(row.overdue_fee ?? 0) };
}

export async function remindersFor(scope: CustomerScope, rows: { purchase_id: number; customer_id: number }[]) {
  if (rows.length === 0) return [];
  // The visibility subquery narrowed to the page's customers: otherwise it lists every visible one.
  const customerIds = [...new Set(rows.map((r) => r.customer_id))];
  return scope.db
    .selectFrom('fee_reminders')
    .selectAll()
    .where('purchase_id', 'in', rows.map((r) => r.purchase_id))
    .where('customer_id', 'in', scope.customerIds().where('customers.id', 'in', customerIds))
    .orderBy('id', 'desc')
    .execute();
}

// --- arrears ------------------------------------------------------------------------------

type PurchaseEb = ExpressionBuilder<DB, 'purchases'>;
const owedOf = (eb: PurchaseEb) => eb('purchases.amount_fen', '-', eb.ref('purchases.paid_fen'));

function ageingColumns(eb: PurchaseEb, b: AgeingBounds) {
  const owed = owedOf(eb);
  return [
    eb.fn.sum<number>(eb.case().when('purchases.purchased_on', '>=', b.from30).then(owed).else(eb.lit(0)).end()).as('d0to30'),
    eb.fn
      .sum<number>(eb.case().when(eb.and([eb('purchases.purchased_on', '<', b.from30), eb('purchases.purchased_on', '>=', b.from60)])).then(owed).else(eb.lit(0)).end())
      .as('d31to60'),
    eb.fn
      .sum<number>(eb.case().when(eb.and([eb('purchases.purchased_on', '<', b.from60), eb('purchases.purchased_on', '>=', b.from90)])).then(owed).else(eb.lit(0)).end())
      .as('d61to90'),
    eb.fn.sum<number>(eb.case().when('purchases.purchased_on', '<', b.from90).then(owed).else(eb.lit(0)).end()).as('over90'),
  ];
}

/**
 * Money owed per customer, from the purchases that still owe (a partial index holds exactly
 * those, in customer order, so grouping needs no sort).
 */
function owedPerCustomer(scope: CustomerScope, b: AgeingBounds) {
  return scope.db
    .selectFrom('purchases')
    .whereRef('purchases.amount_fen', '>', 'purchases.paid_fen')
    .groupBy('purchases.customer_id')
    .select((eb) => [
      'purchases.customer_id',
      eb.fn.sum<number>('purchases.amount_fen').as('total'),
      eb.fn.sum<number>('purchases.paid_fen').as('paid'),
      eb.fn.sum<number>(owedOf(eb)).as('owed'),
      eb.fn.min<string>('purchases.purchased_on').as('oldest'),
      ...ageingColumns(eb, b),
    ]);
}

/**
 * Owing customers the scope may see. The per-customer sums come first and customers are looked
 * up by id after them: in SQLite a CROSS JOIN keeps that order (the planner would otherwise walk
 * every live customer and probe its purchases); PostgreSQL treats it as an inner join.
 */
function owing(scope: CustomerScope, b: AgeingBounds, ownerId?: number) {
  let q = scope.db
    .selectFrom(owedPerCustomer(scope, b).as('o'))
    .crossJoin('customers')
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .whereRef('customers.id', '=', 'o.customer_id')
    .where((eb) => scope.where(eb as unknown as ExpressionBuilder<DB, 'customers'>));
  if (ownerId !== undefined) q = q.where('customers.owner_id', '=', ownerId);
  return q;
}

const sums = ['o.total', 'o.paid', 'o.owed', 'o.d0to30', 'o.d31to60', 'o.d61to90', 'o.over90'] as const;

export async function listArrears(scope: CustomerScope, bounds: AgeingBounds, ownerId: number | undefined, limit: number, offset: number) {
  return owing(scope, bounds, ownerId)
    .select(['customers.id as customer_id', 'customers.name as customer_name', 'users.display_name as owner_name', 'o.oldest', ...sums])
    .orderBy('o.owed', 'desc')
    .orderBy('customers.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Sums per owner (the overall totals are their sum). */
export async function arrearsByOwner(scope: CustomerScope, bounds: AgeingBounds, ownerId?: number) {
  return owing(scope, bounds, ownerId)
    .select((eb) => [
      'customers.owner_id',
      'users.display_name as owner_name',
      eb.fn.countAll<number>().as('customers'),
      eb.fn.sum<number>('o.total').as('total'),
      eb.fn.sum<number>('o.paid').as('paid'),
      eb.fn.sum<number>('o.owed').as('owed'),
      eb.fn.sum<number>('o.d0to30').as('d0to30'),
      eb.fn.sum<number>('o.d31to60').as('d31to60'),
      eb.fn.sum<number>('o.d61to90').as('d61to90'),
      eb.fn.sum<number>('o.over90').as('over90'),
    ])
    .groupBy(['customers.owner_id', 'users.display_name'])
    .orderBy('owed', 'desc')
    .execute();
}

// --- charts -------------------------------------------------------------------------------

export async function feesByMonth(scope: CustomerScope, from: string, until: string) {
  return scope
    .customers()
    .innerJoin('purchases', 'purchases.customer_id', 'customers.id')
    .where('purchases.annual_fee_fen', '>', 0)
    .where('purchases.annual_fee_due_on', '>=', from)
    .where('purchases.annual_fee_due_on', '<=', until)
    .select((eb) => [
      eb.fn<string>('substr', ['purchases.annual_fee_due_on', eb.lit(1), eb.lit(7)]).as('month'),
      eb.fn.sum<number>('purchases.annual_fee_fen').as('fee'),
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy('month')
    .orderBy('month')
    .execute();
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

export async function recentChanges(scope: CustomerScope, limit: number) {
  return scope.db
    .selectFrom('audit_log')
    .innerJoin('customers', 'customers.id', 'audit_log.customer_id')
    .select(['audit_log.customer_id', 'customers.name as customer_name', 'audit_log.at', 'audit_log.actor_name', 'audit_log.entity', 'audit_log.action'])
    .where('audit_log.customer_id', 'in', scope.customerIds())
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
}
