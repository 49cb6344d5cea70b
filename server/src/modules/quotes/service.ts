import type { z } from 'zod';
import { formatMoney, fromMilli } from '../../../../common/money.js';
import type { CreateQuoteRequest, Quote, UpdateQuoteRequest } from '../../../../common/schemas/quotes.js';
import { today, type AppContext } from '../../context.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { addYears } from '../../lib/dates.js';
import { DEFAULT_PAGE_SIZE, totalAfterReading } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFor } from '../../policy/scope.js';
import { lockVisible } from '../../policy/visible-customer.js';
import { recordAudit } from '../audit/service.js';
import { loadVisible } from '../customers/service.js';
import { recordsChanged } from '../customers/writer.js';
import { assertCustomerPurchasesWithinBound } from '../purchases/money-bounds.js';
import { insertPurchaseRecord, getPurchase } from '../purchases/service.js';
import { priceLines } from './lines.js';
import * as repo from './repo.js';

// Pre-sale quotes (售前报价, zone 6): lines of products with quantity, unit price and discount;
// draft → sent → accepted / rejected, expired once past validity; an accepted quote becomes
// purchases in one step.

type Status = Quote['status'];
const transitions: Record<Status, Status[]> = {
  draft: ['draft', 'sent', 'accepted', 'rejected'],
  sent: ['draft', 'sent', 'accepted', 'rejected'],
  expired: ['expired'],
  accepted: ['accepted'],
  rejected: ['rejected'],
};

/** Draft and sent quotes past their validity are expired, whatever is stored. */
export function effectiveStatus(row: repo.QuoteRow, todayDate: string): Status {
  if ((row.status === 'draft' || row.status === 'sent') && row.valid_until !== null && row.valid_until < todayDate) return 'expired';
  return row.status;
}

function toQuote(row: repo.QuoteRow, lines: repo.LineRow[], todayDate: string): Quote {
  return {
    id: String(row.id), customerId: String(row.customer_id), quotedOn: row.quoted_on, validUntil: row.valid_until,
    status: effectiveStatus(row, todayDate), notes: row.notes, amount: formatMoney(Number(row.amount_fen)),
    lines: lines.map((l) => ({
      id: String(l.id), productId: String(l.product_id), productCode: l.product_code, productName: l.product_name, unit: l.unit,
      quantity: fromMilli(Number(l.quantity_milli)), unitPrice: formatMoney(Number(l.unit_price_fen)),
      discount: formatMoney(Number(l.discount_fen)), amount: formatMoney(Number(l.amount_fen)),
    })),
    authorName: row.author_name, purchasedAt: row.purchased_at, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function assertDates(quotedOn: string, validUntil: string | null | undefined) {
  if (validUntil && validUntil < quotedOn) {
    throw fieldError('validUntil', { zh: '有效期不能早于报价日期', en: 'valid until cannot be before the quote date' });
  }
}

export async function listQuotes(ctx: AppContext, actor: Actor, customerId: number, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  const scope = scopeFor(ctx, actor);
  const { db } = ctx.database;
  const offset = (page - 1) * pageSize;
  // As for contacts: the read beside loadVisible goes through the same scope.
  const [, rows] = await Promise.all([loadVisible(scope, customerId), repo.listQuotes(db, scope, customerId, pageSize, offset)]);
  const [total, lines] = await Promise.all([
    totalAfterReading(rows.length, pageSize, offset === 0, () => repo.countQuotes(db, scope, customerId)),
    repo.linesOf(db, rows.map((r) => r.id)),
  ]);
  const items = rows.map((r) => toQuote(r, lines.filter((l) => l.quote_id === r.id), scope.today));
  return { items, total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function getQuote(ctx: AppContext, actor: Actor, customerId: number, id: number) {
  const scope = scopeFor(ctx, actor);
  const { db } = ctx.database;
  const row = await repo.findQuote(db, scope, customerId, id);
  if (!row) throw new AppError('not_found');
  return toQuote(row, await repo.linesOf(db, [id]), scope.today);
}

const lineSummary = (lines: { amount_fen: number }[], total: number) => [
  { field: 'lines', old: null, new: lines.length },
  { field: 'amount', old: null, new: formatMoney(total) },
];

export async function createQuote(ctx: AppContext, actor: Actor, customerId: number, input: z.infer<typeof CreateQuoteRequest>) {
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const customer = await lockVisible(trx, scopeFor(ctx, actor, trx), customerId);
    assertDates(input.quotedOn, input.validUntil);
    if (input.status === 'expired') throw fieldError('status', { zh: '不能直接设为已过期', en: 'a quote expires by itself' });
    const { lines, total } = await priceLines(trx, input.lines);
    const now = ctx.clock.now().toISOString();
    const newId = await repo.insertQuote(trx, customer, {
      quoted_on: input.quotedOn, valid_until: input.validUntil ?? null, status: input.status ?? 'draft',
      notes: input.notes ?? '', amount_fen: total, author_id: actor.id || null, author_name: actor.displayName,
      purchased_at: null, version: 1, created_at: now, updated_at: now,
    });
    await repo.replaceLines(trx, customer, newId, lines);
    await recordsChanged(trx, customer, now);
    await recordAudit(trx, ctx, actor, {
      entity: 'quote', entityId: newId, customerId, action: 'created',
      changes: [{ field: 'quoteStatus', old: null, new: input.status ?? 'draft' }, ...lineSummary(lines, total)],
    });
    return newId;
  });
  return getQuote(ctx, actor, customerId, id);
}

export async function updateQuote(ctx: AppContext, actor: Actor, customerId: number, id: number, input: z.infer<typeof UpdateQuoteRequest>) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const before = await repo.findQuote(trx, scope, customerId, id);
    if (!before) throw new AppError('not_found');
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const current = effectiveStatus(before, scope.today);
    const editsContent = input.lines !== undefined || input.quotedOn !== undefined || input.validUntil !== undefined;
    // Only open quotes change; an expired one reopens by moving its validity on.
    if (editsContent && !['draft', 'sent', 'expired'].includes(current)) throw new AppError('invalid_transition', { status: current });
    const nextValid = input.validUntil !== undefined ? input.validUntil : before.valid_until;
    const reopened = { ...before, valid_until: nextValid };
    const statusNow = effectiveStatus(reopened, scope.today);
    if (input.status !== undefined && input.status !== statusNow && !transitions[statusNow].includes(input.status)) {
      throw new AppError('invalid_transition', { from: statusNow, to: input.status });
    }
    const quotedOn = input.quotedOn ?? before.quoted_on;
    assertDates(quotedOn, nextValid);
    const changes: { field: string; old: string | number | null; new: string | number | null }[] = [];
    const set: Record<string, unknown> = {};
    if (input.quotedOn !== undefined && input.quotedOn !== before.quoted_on) {
      set.quoted_on = input.quotedOn;
      changes.push({ field: 'quotedOn', old: before.quoted_on, new: input.quotedOn });
    }
    if (input.validUntil !== undefined && input.validUntil !== before.valid_until) {
      set.valid_until = input.validUntil;
      changes.push({ field: 'validUntil', old: before.valid_until, new: input.validUntil });
    }
    if (input.status !== undefined && input.status !== before.status) {
      set.status = input.status;
      changes.push({ field: 'quoteStatus', old: current, new: input.status });
    }
    if (input.notes !== undefined && input.notes !== before.notes) {
      set.notes = input.notes;
      changes.push({ field: 'notes', old: before.notes, new: input.notes });
    }
    if (input.lines) {
      const { lines, total } = await priceLines(trx, input.lines);
      await repo.replaceLines(trx, customer, id, lines);
      set.amount_fen = total;
      changes.push({ field: 'amount', old: formatMoney(Number(before.amount_fen)), new: formatMoney(total) });
    }
    if (changes.length === 0) return;
    const now = ctx.clock.now().toISOString();
    if (!(await repo.updateQuote(trx, customer, id, before.version, { ...set, updated_at: now }))) throw new AppError('stale_version');
    await recordsChanged(trx, customer, now);
    await recordAudit(trx, ctx, actor, { entity: 'quote', entityId: id, customerId, action: 'updated', changes });
  });
  return getQuote(ctx, actor, customerId, id);
}

export async function deleteQuote(ctx: AppContext, actor: Actor, customerId: number, id: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const before = await repo.findQuote(trx, scope, customerId, id);
    if (!before) throw new AppError('not_found');
    if (before.purchased_at) throw new AppError('in_use', { reason: 'quote_became_purchases' });
    await repo.deleteQuote(trx, customer, id);
    await recordsChanged(trx, customer, ctx.clock.now().toISOString());
    await recordAudit(trx, ctx, actor, {
      entity: 'quote', entityId: id, customerId, action: 'deleted',
      changes: [{ field: 'amount', old: formatMoney(Number(before.amount_fen)), new: null }],
    });
  });
}

/** An accepted quote becomes one purchase per line, once. */
export async function quoteToPurchases(ctx: AppContext, actor: Actor, customerId: number, id: number, purchasedOn?: string) {
  const purchaseIds = await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const quote = await repo.findQuote(trx, scope, customerId, id);
    if (!quote) throw new AppError('not_found');
    if (effectiveStatus(quote, scope.today) !== 'accepted') throw new AppError('invalid_transition', { status: effectiveStatus(quote, scope.today) });
    if (quote.purchased_at) throw new AppError('invalid_transition', { reason: 'already_purchased' });
    const date = purchasedOn ?? today(ctx);
    const now = ctx.clock.now().toISOString();
    // Claimed first, conditional on the version read above: a second conversion never commits.
    if (!(await repo.updateQuote(trx, customer, id, quote.version, { purchased_at: now, updated_at: now }))) throw new AppError('stale_version');
    const ids = [];
    for (const line of await repo.linesOf(trx, [id])) {
      const fee = Number(line.annual_fee_fen);
      ids.push(
        await insertPurchaseRecord(trx, ctx, actor, customer, {
          product_id: line.product_id, quote_id: id, quantity_milli: Number(line.quantity_milli),
          unit_price_fen: Number(line.unit_price_fen), discount_fen: Number(line.discount_fen), amount_fen: Number(line.amount_fen),
          purchased_on: date, annual_fee_fen: fee, annual_fee_due_on: fee > 0 ? addYears(date, 1) : null, notes: '',
        }),
      );
    }
    await assertCustomerPurchasesWithinBound(trx, customer);
    await recordAudit(trx, ctx, actor, { entity: 'quote', entityId: id, customerId, action: 'purchased', changes: [{ field: 'purchases', old: null, new: ids.length }] });
    return ids;
  });
  const items = [];
  for (const pid of purchaseIds) items.push(await getPurchase(ctx, actor, customerId, pid));
  return { items };
}
