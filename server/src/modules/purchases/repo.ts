import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { fenOfSum, withExactSums } from '../../db/dialect.js';
import type { AnnualFeePaymentsTable, DB, PaymentsTable, PurchasesTable } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';

export type PurchaseRow = Selectable<PurchasesTable> & { product_code: string; product_name: string; unit: string };
export type PaymentRow = Selectable<PaymentsTable>;
export type FeePaymentRow = Selectable<AnnualFeePaymentsTable>;

function purchasesOf(db: Kysely<DB>, scope: CustomerScope, customerId: number) {
  return db
    .selectFrom('purchases')
    .innerJoin('products', 'products.id', 'purchases.product_id')
    .selectAll('purchases')
    .select(['products.code as product_code', 'products.name as product_name', 'products.unit'])
    .where('purchases.customer_id', '=', customerId)
    .where('purchases.customer_id', 'in', scope.customerIds(customerId));
}

export async function listPurchases(db: Kysely<DB>, scope: CustomerScope, customerId: number, limit: number, offset: number) {
  return (await purchasesOf(db, scope, customerId).orderBy('purchases.purchased_on', 'desc').orderBy('purchases.id', 'desc').limit(limit).offset(offset).execute()) as PurchaseRow[];
}

export async function countPurchases(db: Kysely<DB>, scope: CustomerScope, customerId: number) {
  return Number(
    (await db
      .selectFrom('purchases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', customerId)
      .where('customer_id', 'in', scope.customerIds(customerId))
      .executeTakeFirstOrThrow()).n,
  );
}

export async function findPurchase(db: Kysely<DB>, scope: CustomerScope, customerId: number, id: number) {
  return (await purchasesOf(db, scope, customerId).where('purchases.id', '=', id).executeTakeFirst()) as PurchaseRow | undefined;
}

/** What the customer's purchases add up to, exactly (see money-bounds.ts). */
export async function purchasesTotal(db: Kysely<DB>, customer: VisibleCustomer): Promise<bigint> {
  const row = await withExactSums(db, (sum) =>
    db.selectFrom('purchases').select((eb) => sum(eb.ref('amount_fen')).as('total')).where('customer_id', '=', customer.id).executeTakeFirst(),
  );
  return fenOfSum(row?.total);
}

export async function insertPurchase(db: Kysely<DB>, customer: VisibleCustomer, row: Omit<Insertable<PurchasesTable>, 'customer_id'>) {
  return Number((await db.insertInto('purchases').values({ ...row, customer_id: customer.id }).returning('id').executeTakeFirstOrThrow()).id);
}

export async function updatePurchase(db: Kysely<DB>, customer: VisibleCustomer, id: number, version: number, changes: Updateable<PurchasesTable>) {
  const r = await db
    .updateTable('purchases')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('customer_id', '=', customer.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addPaid(db: Kysely<DB>, customer: VisibleCustomer, id: number, deltaFen: number, at: string) {
  await db
    .updateTable('purchases')
    // A new version: what a client holds of the purchase (paid, owed) is no longer current.
    .set((eb) => ({ paid_fen: eb('paid_fen', '+', deltaFen), updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('customer_id', '=', customer.id)
    .execute();
}

export async function setFeeDue(db: Kysely<DB>, customer: VisibleCustomer, id: number, dueOn: string | null, at: string) {
  await db
    .updateTable('purchases')
    .set((eb) => ({ annual_fee_due_on: dueOn, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('customer_id', '=', customer.id)
    .execute();
}

export async function hasMoneyRecords(db: Kysely<DB>, purchaseId: number) {
  const p = await db.selectFrom('payments').select('id').where('purchase_id', '=', purchaseId).limit(1).executeTakeFirst();
  if (p) return true;
  return (await db.selectFrom('annual_fee_payments').select('id').where('purchase_id', '=', purchaseId).limit(1).executeTakeFirst()) !== undefined;
}

export async function deletePurchase(db: Kysely<DB>, customer: VisibleCustomer, id: number) {
  await db.deleteFrom('purchases').where('id', '=', id).where('customer_id', '=', customer.id).execute();
}

// --- payments -----------------------------------------------------------------------------

export async function listPayments(db: Kysely<DB>, purchaseId: number, limit: number, offset: number) {
  return db.selectFrom('payments').selectAll().where('purchase_id', '=', purchaseId).orderBy('paid_on', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}
export async function countPayments(db: Kysely<DB>, purchaseId: number) {
  return Number((await db.selectFrom('payments').select((eb) => eb.fn.countAll<number>().as('n')).where('purchase_id', '=', purchaseId).executeTakeFirstOrThrow()).n);
}
export async function findPayment(db: Kysely<DB>, purchaseId: number, id: number) {
  return db.selectFrom('payments').selectAll().where('purchase_id', '=', purchaseId).where('id', '=', id).executeTakeFirst();
}
export async function insertPayment(db: Kysely<DB>, customer: VisibleCustomer, row: Omit<Insertable<PaymentsTable>, 'customer_id'>) {
  return Number((await db.insertInto('payments').values({ ...row, customer_id: customer.id }).returning('id').executeTakeFirstOrThrow()).id);
}
export async function updatePayment(db: Kysely<DB>, customer: VisibleCustomer, id: number, version: number, changes: Updateable<PaymentsTable>) {
  const r = await db
    .updateTable('payments')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('customer_id', '=', customer.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function deletePayment(db: Kysely<DB>, customer: VisibleCustomer, id: number) {
  await db.deleteFrom('payments').where('id', '=', id).where('customer_id', '=', customer.id).execute();
}

// --- annual-fee payments ------------------------------------------------------------------

export async function listFeePayments(db: Kysely<DB>, purchaseId: number, limit: number, offset: number) {
  return db.selectFrom('annual_fee_payments').selectAll().where('purchase_id', '=', purchaseId).orderBy('id', 'desc').limit(limit).offset(offset).execute();
}
export async function countFeePayments(db: Kysely<DB>, purchaseId: number) {
  return Number((await db.selectFrom('annual_fee_payments').select((eb) => eb.fn.countAll<number>().as('n')).where('purchase_id', '=', purchaseId).executeTakeFirstOrThrow()).n);
}
export async function findFeePayment(db: Kysely<DB>, purchaseId: number, id: number) {
  return db.selectFrom('annual_fee_payments').selectAll().where('purchase_id', '=', purchaseId).where('id', '=', id).executeTakeFirst();
}
export async function latestFeePaymentId(db: Kysely<DB>, purchaseId: number) {
  return (await db.selectFrom('annual_fee_payments').select('id').where('purchase_id', '=', purchaseId).orderBy('id', 'desc').limit(1).executeTakeFirst())?.id;
}
export async function insertFeePayment(db: Kysely<DB>, customer: VisibleCustomer, row: Omit<Insertable<AnnualFeePaymentsTable>, 'customer_id'>) {
  return Number((await db.insertInto('annual_fee_payments').values({ ...row, customer_id: customer.id }).returning('id').executeTakeFirstOrThrow()).id);
}
export async function updateFeePayment(
  db: Kysely<DB>,
  customer: VisibleCustomer,
  id: number,
  version: number,
  changes: Updateable<AnnualFeePaymentsTable>,
) {
  const r = await db
    .updateTable('annual_fee_payments')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('customer_id', '=', customer.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function deleteFeePayment(db: Kysely<DB>, customer: VisibleCustomer, id: number) {
  await db.deleteFrom('annual_fee_payments').where('id', '=', id).where('customer_id', '=', customer.id).execute();
}
