import type { z } from 'zod';
import { formatMoney, parseMoney } from '../../../../common/money.js';
import type { CreateAnnualFeePaymentRequest, UpdateAnnualFeePaymentRequest } from '../../../../common/schemas/purchases.js';
import { today, type AppContext } from '../../context.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { addYears } from '../../lib/dates.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import { recordsChanged } from '../customers/writer.js';
import * as repo from './repo.js';
import { loadPurchase, lockPurchaseOf } from './service.js';

// Annual-fee payments: each settles the current due date and moves it one year on (same day;
// 29 February → 28 February). Only the latest can be deleted, which moves the date back.

function toFeePayment(r: repo.FeePaymentRow) {
  return {
    id: String(r.id), purchaseId: String(r.purchase_id), paidOn: r.paid_on, amount: formatMoney(Number(r.amount_fen)),
    coveredDueOn: r.covered_due_on, notes: r.notes, authorName: r.author_name, version: r.version, createdAt: r.created_at,
  };
}

export async function listFeePayments(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  await loadPurchase(ctx, actor, customerId, purchaseId);
  const { db } = ctx.database;
  const [rows, total] = await Promise.all([repo.listFeePayments(db, purchaseId, pageSize, (page - 1) * pageSize), repo.countFeePayments(db, purchaseId)]);
  return { items: rows.map(toFeePayment), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function getFeePayment(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, id: number) {
  await loadPurchase(ctx, actor, customerId, purchaseId);
  const row = await repo.findFeePayment(ctx.database.db, purchaseId, id);
  if (!row) throw new AppError('not_found');
  return toFeePayment(row);
}

export async function payAnnualFee(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, input: z.infer<typeof CreateAnnualFeePaymentRequest>) {
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const { customer, purchase: locked } = await lockPurchaseOf(ctx, actor, customerId, purchaseId, trx);
    if (Number(locked.annual_fee_fen) <= 0 || !locked.annual_fee_due_on) throw new AppError('invalid_transition', { reason: 'no_annual_fee' });
    if (input.paidOn > today(ctx)) throw fieldError('paidOn', { zh: '付款日期不能晚于今天', en: 'the payment date cannot be in the future' });
    const amount = input.amount !== undefined ? parseMoney(input.amount) : Number(locked.annual_fee_fen);
    if (amount <= 0) throw fieldError('amount', { zh: '金额必须大于 0', en: 'the amount must be more than 0' });
    const covered = locked.annual_fee_due_on;
    const next = addYears(covered, 1);
    const now = ctx.clock.now().toISOString();
    const newId = await repo.insertFeePayment(trx, customer, {
      purchase_id: purchaseId, paid_on: input.paidOn, amount_fen: amount, covered_due_on: covered,
      notes: input.notes ?? '', author_name: actor.displayName, version: 1, created_at: now,
    });
    await repo.setFeeDue(trx, customer, purchaseId, next, now);
    await recordsChanged(trx, customer, now);
    await recordAudit(trx, ctx, actor, {
      entity: 'annual_fee_payment', entityId: newId, customerId, action: 'created',
      changes: [
        { field: 'amount', old: null, new: formatMoney(amount) },
        { field: 'annualFeeDueOn', old: covered, new: next },
      ],
    });
    return newId;
  });
  return getFeePayment(ctx, actor, customerId, purchaseId, id);
}

export async function updateFeePayment(
  ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, id: number, input: z.infer<typeof UpdateAnnualFeePaymentRequest>,
) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const { customer } = await lockPurchaseOf(ctx, actor, customerId, purchaseId, trx);
    const before = await repo.findFeePayment(trx, purchaseId, id);
    if (!before) throw new AppError('not_found');
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const amount = input.amount !== undefined ? parseMoney(input.amount) : Number(before.amount_fen);
    if (amount <= 0) throw fieldError('amount', { zh: '金额必须大于 0', en: 'the amount must be more than 0' });
    if (input.paidOn && input.paidOn > today(ctx)) throw fieldError('paidOn', { zh: '付款日期不能晚于今天', en: 'the payment date cannot be in the future' });
    const changes = [];
    if (amount !== Number(before.amount_fen)) changes.push({ field: 'amount', old: formatMoney(Number(before.amount_fen)), new: formatMoney(amount) });
    if (input.paidOn !== undefined && input.paidOn !== before.paid_on) changes.push({ field: 'paidOn', old: before.paid_on, new: input.paidOn });
    if (input.notes !== undefined && input.notes !== before.notes) changes.push({ field: 'notes', old: before.notes, new: input.notes });
    if (changes.length === 0) return;
    const ok = await repo.updateFeePayment(trx, customer, id, before.version, { amount_fen: amount, paid_on: input.paidOn ?? before.paid_on, notes: input.notes ?? before.notes });
    if (!ok) throw new AppError('stale_version');
    await recordsChanged(trx, customer, ctx.clock.now().toISOString());
    await recordAudit(trx, ctx, actor, { entity: 'annual_fee_payment', entityId: id, customerId, action: 'updated', changes });
  });
  return getFeePayment(ctx, actor, customerId, purchaseId, id);
}

export async function deleteFeePayment(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, id: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const { customer } = await lockPurchaseOf(ctx, actor, customerId, purchaseId, trx);
    const before = await repo.findFeePayment(trx, purchaseId, id);
    if (!before) throw new AppError('not_found');
    if ((await repo.latestFeePaymentId(trx, purchaseId)) !== before.id) throw new AppError('invalid_transition', { reason: 'not_latest' });
    const now = ctx.clock.now().toISOString();
    await repo.deleteFeePayment(trx, customer, id);
    await repo.setFeeDue(trx, customer, purchaseId, before.covered_due_on, now);
    await recordsChanged(trx, customer, now);
    await recordAudit(trx, ctx, actor, {
      entity: 'annual_fee_payment', entityId: id, customerId, action: 'deleted',
      changes: [{ field: 'amount', old: formatMoney(Number(before.amount_fen)), new: null }, { field: 'annualFeeDueOn', old: null, new: before.covered_due_on }],
    });
  });
}
