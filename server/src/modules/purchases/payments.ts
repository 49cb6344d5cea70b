import type { z } from 'zod';
import { formatMoney, parseMoney } from '../../../../common/money.js';
import type { CreatePaymentRequest, UpdatePaymentRequest } from '../../../../common/schemas/purchases.js';
import { today, type AppContext } from '../../context.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import { recordsChanged } from '../customers/writer.js';
import * as repo from './repo.js';
import { loadPurchase, lockPurchaseOf } from './service.js';

// Payments (回款) against a purchase. The purchase's paid sum moves in the same transaction,
// under a row lock, so two payments at once can never together pay more than is owed.

function toPayment(r: repo.PaymentRow) {
  return {
    id: String(r.id), purchaseId: String(r.purchase_id), amount: formatMoney(Number(r.amount_fen)), paidOn: r.paid_on,
    method: r.method, notes: r.notes, authorName: r.author_name, version: r.version, createdAt: r.created_at,
  };
}

function overpayment(owedFen: number) {
  return new AppError('overpayment', { owed: formatMoney(owedFen), fields: { amount: { zh: `最多还可收 ${formatMoney(owedFen)} 元`, en: `at most ${formatMoney(owedFen)} is owed` } } });
}

function assertPaymentDate(ctx: AppContext, paidOn: string) {
  if (paidOn > today(ctx)) throw fieldError('paidOn', { zh: '付款日期不能晚于今天', en: 'the payment date cannot be in the future' });
}

const positive = (fen: number) => {
  if (fen <= 0) throw fieldError('amount', { zh: '金额必须大于 0', en: 'the amount must be more than 0' });
};

export async function listPayments(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  await loadPurchase(ctx, actor, customerId, purchaseId);
  const { db } = ctx.database;
  const [rows, total] = await Promise.all([repo.listPayments(db, purchaseId, pageSize, (page - 1) * pageSize), repo.countPayments(db, purchaseId)]);
  return { items: rows.map(toPayment), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function getPayment(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, id: number) {
  await loadPurchase(ctx, actor, customerId, purchaseId);
  const row = await repo.findPayment(ctx.database.db, purchaseId, id);
  if (!row) throw new AppError('not_found');
  return toPayment(row);
}

export async function createPayment(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, input: z.infer<typeof CreatePaymentRequest>) {
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const { customer, purchase: locked } = await lockPurchaseOf(ctx, actor, customerId, purchaseId, trx);
    const amount = parseMoney(input.amount);
    positive(amount);
    assertPaymentDate(ctx, input.paidOn);
    const owed = Number(locked.amount_fen) - Number(locked.paid_fen);
    if (amount > owed) throw overpayment(owed);
    const now = ctx.clock.now().toISOString();
    const newId = await repo.insertPayment(trx, customer, {
      purchase_id: purchaseId, amount_fen: amount, paid_on: input.paidOn, method: input.method ?? null,
      notes: input.notes ?? '', author_name: actor.displayName, version: 1, created_at: now,
    });
    await repo.addPaid(trx, customer, purchaseId, amount, now);
    await recordsChanged(trx, customer, now, { arrears: true });
    await recordAudit(trx, ctx, actor, {
      entity: 'payment', entityId: newId, customerId, action: 'created',
      changes: [
        { field: 'amount', old: null, new: formatMoney(amount) },
        { field: 'paidOn', old: null, new: input.paidOn },
        { field: 'owedAmount', old: formatMoney(owed), new: formatMoney(owed - amount) },
      ],
    });
    return newId;
  });
  return getPayment(ctx, actor, customerId, purchaseId, id);
}

export async function updatePayment(
  ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, id: number, input: z.infer<typeof UpdatePaymentRequest>,
) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const { customer, purchase: locked } = await lockPurchaseOf(ctx, actor, customerId, purchaseId, trx);
    const before = await repo.findPayment(trx, purchaseId, id);
    if (!before) throw new AppError('not_found');
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const amount = input.amount !== undefined ? parseMoney(input.amount) : Number(before.amount_fen);
    positive(amount);
    if (input.paidOn) assertPaymentDate(ctx, input.paidOn);
    const owedWithout = Number(locked.amount_fen) - Number(locked.paid_fen) + Number(before.amount_fen);
    if (amount > owedWithout) throw overpayment(owedWithout);
    const changes = [];
    if (amount !== Number(before.amount_fen)) changes.push({ field: 'amount', old: formatMoney(Number(before.amount_fen)), new: formatMoney(amount) });
    if (input.paidOn !== undefined && input.paidOn !== before.paid_on) changes.push({ field: 'paidOn', old: before.paid_on, new: input.paidOn });
    if (input.method !== undefined && input.method !== before.method) changes.push({ field: 'method', old: before.method, new: input.method });
    if (input.notes !== undefined && input.notes !== before.notes) changes.push({ field: 'notes', old: before.notes, new: input.notes });
    if (changes.length === 0) return;
    const now = ctx.clock.now().toISOString();
    const ok = await repo.updatePayment(trx, customer, id, before.version, {
      amount_fen: amount, paid_on: input.paidOn ?? before.paid_on,
      method: input.method !== undefined ? input.method : before.method, notes: input.notes ?? before.notes,
    });
    if (!ok) throw new AppError('stale_version');
    await repo.addPaid(trx, customer, purchaseId, amount - Number(before.amount_fen), now);
    await recordsChanged(trx, customer, now, { arrears: true });
    await recordAudit(trx, ctx, actor, { entity: 'payment', entityId: id, customerId, action: 'updated', changes });
  });
  return getPayment(ctx, actor, customerId, purchaseId, id);
}

export async function deletePayment(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, id: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const { customer } = await lockPurchaseOf(ctx, actor, customerId, purchaseId, trx);
    const before = await repo.findPayment(trx, purchaseId, id);
    if (!before) throw new AppError('not_found');
    const now = ctx.clock.now().toISOString();
    await repo.deletePayment(trx, customer, id);
    await repo.addPaid(trx, customer, purchaseId, -Number(before.amount_fen), now);
    await recordsChanged(trx, customer, now, { arrears: true });
    await recordAudit(trx, ctx, actor, {
      entity: 'payment', entityId: id, customerId, action: 'deleted',
      changes: [{ field: 'amount', old: formatMoney(Number(before.amount_fen)), new: null }, { field: 'paidOn', old: before.paid_on, new: null }],
    });
  });
}
