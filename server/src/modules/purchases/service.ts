import type { Insertable, Kysely } from 'kysely';
import type { z } from 'zod';
import { formatMoney, fromMilli, lineGrossFen, parseMoney, toMilli } from '../../../../common/money.js';
import type { CreatePurchaseRequest, Purchase, UpdatePurchaseRequest } from '../../../../common/schemas/purchases.js';
import { today, type AppContext } from '../../context.js';
import type { DB, PurchasesTable } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { addYears } from '../../lib/dates.js';
import { DEFAULT_PAGE_SIZE, totalAfterReading } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFor } from '../../policy/scope.js';
import { lockVisible, type VisibleCustomer } from '../../policy/visible-customer.js';
import { recordAudit } from '../audit/service.js';
import { loadVisible } from '../customers/service.js';
import { recordsChanged } from '../customers/writer.js';
import { orderableProduct } from '../products/service.js';
import { assertCustomerPurchasesWithinBound, boundedAmount } from './money-bounds.js';
import * as repo from './repo.js';

// Purchases (登记购买记录, zone 7): what a customer bought, what it cost, what was paid, and the
// annual fee with its next due date. Payments and annual-fee payments live in their own files.
// Every write that changes what a purchase owes says so to recordsChanged (`arrears`), which
// keeps customer_arrears in step in the same transaction (customers/arrears-repo.ts).

export function toPurchase(r: repo.PurchaseRow): Purchase {
  const amount = Number(r.amount_fen);
  const paid = Number(r.paid_fen);
  return {
    id: String(r.id), customerId: String(r.customer_id), productId: String(r.product_id), productCode: r.product_code,
    productName: r.product_name, unit: r.unit, quoteId: r.quote_id === null ? null : String(r.quote_id),
    quantity: fromMilli(Number(r.quantity_milli)), unitPrice: formatMoney(Number(r.unit_price_fen)),
    discount: formatMoney(Number(r.discount_fen)), amount: formatMoney(amount), paidAmount: formatMoney(paid),
    owedAmount: formatMoney(amount - paid), purchasedOn: r.purchased_on, annualFee: formatMoney(Number(r.annual_fee_fen)),
    annualFeeDueOn: r.annual_fee_due_on, notes: r.notes, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** A visible purchase of a visible customer, or 404. */
export async function loadPurchase(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, trx?: Kysely<DB>) {
  const row = await repo.findPurchase(trx ?? ctx.database.db, scopeFor(ctx, actor, trx), customerId, purchaseId);
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * The start of every write on a purchase or its payments: the customer locked (lockVisible),
 * then the purchase as the last writer left it, or 404.
 */
export async function lockPurchaseOf(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, trx: Kysely<DB>) {
  const customer = await lockVisible(trx, scopeFor(ctx, actor, trx), customerId);
  const purchase = await loadPurchase(ctx, actor, customerId, purchaseId, trx);
  return { customer, purchase };
}

export async function listPurchases(ctx: AppContext, actor: Actor, customerId: number, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  const scope = scopeFor(ctx, actor);
  const { db } = ctx.database;
  const offset = (page - 1) * pageSize;
  // As for contacts: the read beside loadVisible goes through the same scope.
  const [, rows] = await Promise.all([loadVisible(scope, customerId), repo.listPurchases(db, scope, customerId, pageSize, offset)]);
  const total = await totalAfterReading(rows.length, pageSize, offset === 0, () => repo.countPurchases(db, scope, customerId));
  return { items: rows.map(toPurchase), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function getPurchase(ctx: AppContext, actor: Actor, customerId: number, id: number) {
  return toPurchase(await loadPurchase(ctx, actor, customerId, id));
}

function assertNotFuture(ctx: AppContext, date: string, field: string) {
  if (date > today(ctx)) throw fieldError(field, { zh: '日期不能晚于今天', en: 'the date cannot be in the future' });
}

/** Inserts a purchase inside the caller's transaction, logged on the customer (also used by quotes). */
export async function insertPurchaseRecord(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  customer: VisibleCustomer,
  row: Omit<Insertable<PurchasesTable>, 'customer_id' | 'paid_fen' | 'version' | 'created_at' | 'updated_at'>,
) {
  const now = ctx.clock.now().toISOString();
  const id = await repo.insertPurchase(trx, customer, { ...row, paid_fen: 0, version: 1, created_at: now, updated_at: now });
  await recordsChanged(trx, customer, now, { arrears: true });
  await recordAudit(trx, ctx, actor, {
    entity: 'purchase', entityId: id, customerId: customer.id, action: 'created',
    changes: [
      { field: 'product', old: null, new: String(row.product_id) },
      { field: 'quantity', old: null, new: fromMilli(Number(row.quantity_milli)) },
      { field: 'amount', old: null, new: formatMoney(Number(row.amount_fen)) },
      { field: 'purchasedOn', old: null, new: row.purchased_on },
      ...(Number(row.annual_fee_fen) > 0 ? [{ field: 'annualFeeDueOn', old: null, new: row.annual_fee_due_on ?? null }] : []),
    ],
  });
  return id;
}

function priced(quantityMilli: number, unitPriceFen: number, discountFen: number) {
  const gross = lineGrossFen(quantityMilli, unitPriceFen);
  if (BigInt(discountFen) > gross) {
    throw fieldError('discount', { zh: '折扣不能超过金额', en: 'the discount is more than the amount' });
  }
  return boundedAmount(gross - BigInt(discountFen), 'quantity');
}

export async function createPurchase(ctx: AppContext, actor: Actor, customerId: number, input: z.infer<typeof CreatePurchaseRequest>) {
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const customer = await lockVisible(trx, scopeFor(ctx, actor, trx), customerId);
    const product = await orderableProduct(trx, Number(input.productId), 'productId');
    assertNotFuture(ctx, input.purchasedOn, 'purchasedOn');
    const quantity = toMilli(input.quantity);
    const unitPrice = input.unitPrice === undefined ? Number(product.price_fen) : parseMoney(input.unitPrice);
    const discount = input.discount === undefined ? 0 : parseMoney(input.discount);
    const fee = input.annualFee === undefined ? Number(product.annual_fee_fen) : parseMoney(input.annualFee);
    const due = input.annualFeeDueOn !== undefined ? input.annualFeeDueOn : fee > 0 ? addYears(input.purchasedOn, 1) : null;
    const newId = await insertPurchaseRecord(trx, ctx, actor, customer, {
      product_id: product.id, quote_id: null, quantity_milli: quantity, unit_price_fen: unitPrice, discount_fen: discount,
      amount_fen: priced(quantity, unitPrice, discount), purchased_on: input.purchasedOn, annual_fee_fen: fee,
      annual_fee_due_on: due, notes: input.notes ?? '',
    });
    await assertCustomerPurchasesWithinBound(trx, customer);
    return newId;
  });
  return getPurchase(ctx, actor, customerId, id);
}

export async function updatePurchase(ctx: AppContext, actor: Actor, customerId: number, id: number, input: z.infer<typeof UpdatePurchaseRequest>) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const { customer, purchase: before } = await lockPurchaseOf(ctx, actor, customerId, id, trx);
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const b = toPurchase(before);
    const quantity = input.quantity !== undefined ? toMilli(input.quantity) : Number(before.quantity_milli);
    const unitPrice = input.unitPrice !== undefined ? parseMoney(input.unitPrice) : Number(before.unit_price_fen);
    const discount = input.discount !== undefined ? parseMoney(input.discount) : Number(before.discount_fen);
    const amount = priced(quantity, unitPrice, discount);
    if (amount < Number(before.paid_fen)) {
      throw fieldError('amount', { zh: '金额不能低于已付款', en: 'the amount cannot be less than what was paid' });
    }
    if (input.purchasedOn) assertNotFuture(ctx, input.purchasedOn, 'purchasedOn');
    const after: Purchase = {
      ...b,
      quantity: fromMilli(quantity), unitPrice: formatMoney(unitPrice), discount: formatMoney(discount), amount: formatMoney(amount),
      purchasedOn: input.purchasedOn ?? b.purchasedOn, annualFee: input.annualFee !== undefined ? formatMoney(parseMoney(input.annualFee)) : b.annualFee,
      annualFeeDueOn: input.annualFeeDueOn !== undefined ? input.annualFeeDueOn : b.annualFeeDueOn, notes: input.notes ?? b.notes,
    };
    const fields = ['quantity', 'unitPrice', 'discount', 'amount', 'purchasedOn', 'annualFee', 'annualFeeDueOn', 'notes'] as const;
    const changes = fields.filter((f) => after[f] !== b[f]).map((f) => ({ field: f, old: b[f], new: after[f] }));
    if (changes.length === 0) return;
    const now = ctx.clock.now().toISOString();
    const ok = await repo.updatePurchase(trx, customer, id, before.version, {
      quantity_milli: quantity, unit_price_fen: unitPrice, discount_fen: discount, amount_fen: amount,
      purchased_on: after.purchasedOn, annual_fee_fen: parseMoney(after.annualFee), annual_fee_due_on: after.annualFeeDueOn,
      notes: after.notes, updated_at: now,
    });
    if (!ok) throw new AppError('stale_version');
    await recordsChanged(trx, customer, now, { arrears: true });
    if (amount > Number(before.amount_fen)) await assertCustomerPurchasesWithinBound(trx, customer);
    await recordAudit(trx, ctx, actor, { entity: 'purchase', entityId: id, customerId, action: 'updated', changes });
  });
  return getPurchase(ctx, actor, customerId, id);
}

export async function deletePurchase(ctx: AppContext, actor: Actor, customerId: number, id: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const { customer, purchase: before } = await lockPurchaseOf(ctx, actor, customerId, id, trx);
    // Money received is never silently dropped: delete the payments first.
    if (await repo.hasMoneyRecords(trx, id)) throw new AppError('in_use', { reason: 'purchase_has_payments' });
    await repo.deletePurchase(trx, customer, id);
    await recordsChanged(trx, customer, ctx.clock.now().toISOString(), { arrears: true });
    await recordAudit(trx, ctx, actor, {
      entity: 'purchase', entityId: id, customerId, action: 'deleted',
      changes: [{ field: 'amount', old: formatMoney(Number(before.amount_fen)), new: null }],
    });
  });
}
