import type { z } from 'zod';
import type { Locale } from '../../../../common/errors.js';
import { formatMoney } from '../../../../common/money.js';
import type { AnnualFeeQuery, ArrearsQuery } from '../../../../common/schemas/reports.js';
import { today, type AppContext } from '../../context.js';
import { fenOfSum } from '../../db/dialect.js';
import { AppError } from '../../lib/app-error.js';
import { addDays, daysBetween } from '../../lib/dates.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFor } from '../../policy/scope.js';
import { recordAudit } from '../audit/service.js';
import { listDueFollowUps } from '../activities/service.js';
import { recordsChanged } from '../customers/writer.js';
import { lockPurchaseOf } from '../purchases/service.js';
import { listStatusesWithCounts } from '../statuses/service.js';
import { ageingBounds } from './ageing.js';
import * as repo from './repo.js';

// Zone 9 and the report pages: annual fees falling due (年费催缴) and arrears (欠款统计), over
// exactly the customers the viewer may see (the scope), plus charts and the dashboard.

type FeeRow = Awaited<ReturnType<typeof repo.listFees>>[number];
type ArrearsRow = Awaited<ReturnType<typeof repo.listArrears>>[number];

/** An amount or an exact sum (see repo.ts) as a money string. */
const money = (v: bigint | number | string | null | undefined) => formatMoney(fenOfSum(v));

function ageing(r: { d0to30: bigint; d31to60: bigint; d61to90: bigint; over90: bigint }) {
  return { d0to30: money(r.d0to30), d31to60: money(r.d31to60), d61to90: money(r.d61to90), over90: money(r.over90) };
}

async function feeItems(ctx: AppContext, actor: Actor, rows: FeeRow[], todayDate: string) {
  const reminders = await repo.remindersFor(ctx.database.db, scopeFor(ctx, actor), rows);
  return rows.map((r) => {
    const due = r.annual_fee_due_on as string;
    const latest = reminders.find((m) => m.purchase_id === r.purchase_id && m.due_on === due);
    return {
      customerId: String(r.customer_id), customerName: r.customer_name, ownerName: r.owner_name, purchaseId: String(r.purchase_id),
      productName: r.product_name, annualFee: money(r.annual_fee_fen), dueOn: due, overdueDays: Math.max(0, daysBetween(due, todayDate)),
      remindedAt: latest?.at ?? null, reminderNote: latest?.note ?? null,
    };
  });
}

function feeFilter(ctx: AppContext, query: z.infer<typeof AnnualFeeQuery>): repo.FeeFilter {
  return {
    until: addDays(today(ctx), query.withinDays ?? 30),
    ownerId: query.ownerId ? Number(query.ownerId) : undefined,
    customerId: query.customerId ? Number(query.customerId) : undefined,
  };
}

export async function annualFeeReport(ctx: AppContext, actor: Actor, query: z.infer<typeof AnnualFeeQuery>) {
  const scope = scopeFor(ctx, actor);
  const todayDate = today(ctx);
  const filter = feeFilter(ctx, query);
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = query.page ?? 1;
  const [rows, totals] = await Promise.all([
    repo.listFees(scope, filter, pageSize, (page - 1) * pageSize),
    repo.feeTotals(ctx.database.db, scope, filter, todayDate),
  ]);
  return {
    items: await feeItems(ctx, actor, rows, todayDate),
    total: totals.count, totalExact: true, page, pageSize, nextCursor: null,
    totals: { count: totals.count, annualFee: money(totals.fee), overdueCount: totals.overdueCount, overdueFee: money(totals.overdueFee) },
  };
}

/** All rows of the annual-fee report, in batches, for a download. */
export async function* annualFeeRows(ctx: AppContext, actor: Actor, query: z.infer<typeof AnnualFeeQuery>, locale: Locale) {
  const scope = scopeFor(ctx, actor);
  const todayDate = today(ctx);
  const filter = feeFilter(ctx, query);
  for (let offset = 0; ; offset += 1000) {
    const rows = await repo.listFees(scope, filter, 1000, offset);
    const items = await feeItems(ctx, actor, rows, todayDate);
    yield items.map((i) => [i.customerName, i.ownerName, i.productName, i.annualFee, i.dueOn, String(i.overdueDays), i.remindedAt ? (locale === 'en-US' ? 'yes' : '是') : '', i.reminderNote ?? '']);
    if (rows.length < 1000) return;
  }
}

/** Marks an annual fee as reminded (催缴) with a note, logged on the customer. */
export async function remind(ctx: AppContext, actor: Actor, customerId: number, purchaseId: number, note: string) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const { customer, purchase } = await lockPurchaseOf(ctx, actor, customerId, purchaseId, trx);
    if (Number(purchase.annual_fee_fen) <= 0 || !purchase.annual_fee_due_on) {
      throw new AppError('invalid_transition', { reason: 'no_annual_fee' });
    }
    const now = ctx.clock.now().toISOString();
    const row = await repo.insertReminder(trx, customer, {
      purchase_id: purchaseId, due_on: purchase.annual_fee_due_on, note, actor_name: actor.displayName, at: now,
    });
    await recordsChanged(trx, customer, now);
    await recordAudit(trx, ctx, actor, {
      entity: 'annual_fee', entityId: purchaseId, customerId, action: 'reminded',
      changes: [{ field: 'annualFeeDueOn', old: null, new: purchase.annual_fee_due_on }, ...(note ? [{ field: 'note', old: null, new: note }] : [])],
    });
    return { id: String(row.id), purchaseId: String(purchaseId), dueOn: purchase.annual_fee_due_on, note, actorName: actor.displayName, at: now };
  });
}

function arrearsItem(r: ArrearsRow) {
  return {
    customerId: String(r.customer_id), customerName: r.customer_name, ownerName: r.owner_name,
    totalAmount: money(r.total), paidAmount: money(r.paid), owedAmount: money(r.owed), oldestUnpaidOn: String(r.oldest),
    ageing: ageing(r),
  };
}

export async function arrearsReport(ctx: AppContext, actor: Actor, query: z.infer<typeof ArrearsQuery>) {
  const scope = scopeFor(ctx, actor);
  const { db } = ctx.database;
  const bounds = ageingBounds(today(ctx));
  const ownerId = query.ownerId ? Number(query.ownerId) : undefined;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = query.page ?? 1;
  const [rows, owners] = await Promise.all([
    repo.listArrears(db, scope, bounds, ownerId, pageSize, (page - 1) * pageSize),
    repo.arrearsByOwner(db, scope, bounds, ownerId),
  ]);
  const sum = (k: 'total' | 'paid' | 'owed' | 'd0to30' | 'd31to60' | 'd61to90' | 'over90') => owners.reduce((a, o) => a + o[k], 0n);
  const customers = owners.reduce((a, o) => a + Number(o.customers), 0);
  return {
    items: rows.map(arrearsItem),
    total: customers, totalExact: true, page, pageSize, nextCursor: null,
    totals: {
      customers, totalAmount: money(sum('total')), paidAmount: money(sum('paid')), owedAmount: money(sum('owed')),
      ageing: ageing({ d0to30: sum('d0to30'), d31to60: sum('d31to60'), d61to90: sum('d61to90'), over90: sum('over90') }),
      byOwner: owners.map((o) => ({
        ownerId: String(o.owner_id), ownerName: o.owner_name, customers: Number(o.customers),
        totalAmount: money(o.total), paidAmount: money(o.paid), owedAmount: money(o.owed), ageing: ageing(o),
      })),
    },
  };
}

export async function* arrearsRows(ctx: AppContext, actor: Actor, query: z.infer<typeof ArrearsQuery>) {
  const scope = scopeFor(ctx, actor);
  const bounds = ageingBounds(today(ctx));
  const ownerId = query.ownerId ? Number(query.ownerId) : undefined;
  for (let offset = 0; ; offset += 1000) {
    const rows = await repo.listArrears(ctx.database.db, scope, bounds, ownerId, 1000, offset);
    yield rows.map(arrearsItem).map((i) => [
      i.customerName, i.ownerName, i.totalAmount, i.paidAmount, i.owedAmount, i.oldestUnpaidOn,
      i.ageing.d0to30, i.ageing.d31to60, i.ageing.d61to90, i.ageing.over90,
    ]);
    if (rows.length < 1000) return;
  }
}

export async function charts(ctx: AppContext, actor: Actor) {
  const scope = scopeFor(ctx, actor);
  const todayDate = today(ctx);
  const bounds = ageingBounds(todayDate);
  const firstOfMonth = `${todayDate.slice(0, 7)}-01`;
  const yearAgo = addDays(firstOfMonth, -335).slice(0, 7) + '-01';
  const [owners, fees, created, statuses] = await Promise.all([
    repo.arrearsByOwner(ctx.database.db, scope, bounds),
    repo.feesByMonth(ctx.database.db, scope, todayDate, addDays(todayDate, 365)),
    repo.newCustomersByMonth(scope, yearAgo),
    listStatusesWithCounts(ctx, actor),
  ]);
  const total = (k: 'd0to30' | 'd31to60' | 'd61to90' | 'over90') => owners.reduce((a, o) => a + o[k], 0n);
  return {
    arrearsByOwner: owners.map((o) => ({ ownerName: o.owner_name, owedAmount: money(o.owed) })),
    arrearsByAgeing: ageing({ d0to30: total('d0to30'), d31to60: total('d31to60'), d61to90: total('d61to90'), over90: total('over90') }),
    feesByMonth: fees.map((f) => ({ month: String(f.month), annualFee: money(f.fee), count: Number(f.count) })),
    newCustomersByMonth: created.map((c) => ({ month: String(c.month), statusName: c.status_name, count: Number(c.count) })),
    funnel: statuses.map((s) => ({ statusName: s.name, count: s.customerCount })),
  };
}

export async function dashboard(ctx: AppContext, actor: Actor) {
  const scope = scopeFor(ctx, actor);
  const [due, fees, arrears, recent] = await Promise.all([
    listDueFollowUps(ctx, actor, 0, 1, 5),
    annualFeeReport(ctx, actor, { withinDays: 30, pageSize: 5 }),
    arrearsReport(ctx, actor, { pageSize: 5 }),
    repo.recentChanges(ctx.database.db, scope, 10),
  ]);
  return {
    followUpsDue: { count: due.total, items: due.items.map((d) => ({ customerId: d.customerId, customerName: d.customerName, nextFollowUpOn: d.nextFollowUpOn, overdueDays: d.overdueDays })) },
    feesDue: { count: fees.totals.count, total: fees.totals.annualFee, items: fees.items },
    topArrears: { owedAmount: arrears.totals.owedAmount, items: arrears.items },
    recentChanges: recent.map((r) => ({ customerId: String(r.customer_id), customerName: r.customer_name, at: r.at, actorName: r.actor_name, entity: r.entity, action: r.action })),
  };
}
