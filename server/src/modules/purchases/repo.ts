import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AnnualFeePaymentsTable, DB, PaymentsTable, PurchasesTable } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';
import { syncArrears, syncArrearsOfPurchase } from '../reports/arrears-ledger.js';

// Every write here that changes what a purchase owes keeps customer_arrears in step, in the
// caller's transaction (see reports/arrears-ledger.ts).

export type PurchaseRow = Selectable<PurchasesTable> & { product_code: string; product_name: string; unit: string };
export type PaymentRow = Selectable<PaymentsTable>;
export type FeePaymentRow = Selectable<AnnualFeePaymentsTable>;

function purchasesOf(scope: CustomerScope, customerId: number) {
  return scope.db
    .selectFrom('purchases')
    .innerJoin('products', 'products.id', 'purchases.product_id')
    .selectAll('purchases')
    .select(['products.code as product_code', 'products.name as product_name', 'products.unit'])
    .where('purchases.customer_id', '=', customerId)
    .where('purchases.customer_id', 'in', scope.customerIds(customerId));
}

export async function listPurchases(scope: CustomerScope, customerId: number, limit: number, offset: number) {
  return (await purchasesOf(scope, customerId).orderBy('purchases.purchased_on', 'desc').orderBy('purchases.id', 'desc').limit(limit).offset(offset).execute()) as PurchaseRow[];
}

export async function countPurchases(scope: CustomerScope, customerId: number) {
  return Number(
    (await scope.db
      .selectFrom('purchases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', customerId)
      .where('customer_id', 'in', scope.customerIds(customerId))
      .executeTakeFirstOrThrow()).n,
  );
}

export async function findPurchase(scope: CustomerScope, customerId: number, id: number) {
  return (await purchasesOf(scope, customerId).where('purchases.id', '=', id).executeTakeFirst()) as PurchaseRow | undefined;
}

export async function insertPurchase(db: Kysely<DB>, row: Insertable<PurchasesTable>) {
  const id = Number((await db.insertInto('purchases').values(row).returning('id').executeTakeFirstOrThrow()).id);
  await syncArrears(db, [Number(row.customer_id)]);
  return id;
}

export async function updatePurchase(db: Kysely<DB>, id: number, version: number, changes: Updateable<PurchasesTable>) {
  const r = await db.updateTable('purchases').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await syncArrearsOfPurchase(db, id);
  return true;
}

export async function addPaid(db: Kysely<DB>, id: number, deltaFen: number, at: string) {
  await db
    .updateTable('purchases')
    // A new version: what a client holds of the purchase (paid, owed) is no longer current.
    .set((eb) => ({ paid_fen: eb('paid_fen', '+', deltaFen), updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
  await syncArrearsOfPurchase(db, id);
}

export async function setFeeDue(db: Kysely<DB>, id: number, dueOn: string | null, at: string) {
  await db
    .updateTable('purchases')
    .set((eb) => ({ annual_fee_due_on: dueOn, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function hasMoneyRecords(db: Kysely<DB>, purchaseId: number) {
  const p = await db.selectFrom('payments').select('id').where('purchase_id', '=', purchaseId).limit(1).executeTakeFirst();
  if (p) return true;
  return (await db.selectFrom('annual_fee_payments').select('id').where('purchase_id', '=', purchaseId).limit(1).executeTakeFirst()) !== undefined;
}

export async function deletePurchase(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('purchases').select('customer_id').where('id', '=', id).executeTakeFirst();
  await db.deleteFrom('purchases').where('id', '=', id).execute();
  if (row) await syncArrears(db, [Number(row.customer_id)]);
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
export async function insertPayment(db: Kysely<DB>, row: Insertable<PaymentsTable>) {
  return Number((await db.insertInto('payments').values(row).returning('id').executeTakeFirstOrThrow()).id);
}
export async function updatePayment(db: Kysely<DB>, id: number, version: number, changes: Updateable<PaymentsTable>) {
  const r = await db.updateTable('payments').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function deletePayment(db: Kysely<DB>, id: number) {
  await db.deleteFrom('payments').where('id', '=', id).execute();
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
export async function insertFeePayment(db: Kysely<DB>, row: Insertable<AnnualFeePaymentsTable>) {
  return Number((await db.insertInto('annual_fee_payments').values(row).returning('id').executeTakeFirstOrThrow()).id);
}
export async function updateFeePayment(db: Kysely<DB>, id: number, version: number, changes: Updateable<AnnualFeePaymentsTable>) {
  const r = await db.updateTable('annual_fee_payments').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function deleteFeePayment(db: Kysely<DB>, id: number) {
  await db.deleteFrom('annual_fee_payments').where('id', '=', id).execute();
}
