import { z } from 'zod';
import type { Change } from '../../../../common/schemas/audit.js';
import type { ActivityQuery, CreateFollowUpRequest, FollowUp, UpdateFollowUpRequest } from '../../../../common/schemas/activities.js';
import { today, type AppContext } from '../../context.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { startOfBusinessDate } from '../../lib/clock.js';
import { daysBetween } from '../../lib/dates.js';
import { DEFAULT_PAGE_SIZE, cursorValue, decodeCursor, encodeCursor, totalAfterReading } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFor } from '../../policy/scope.js';
import { lockVisible } from '../../policy/visible-customer.js';
import { recordAudit } from '../audit/service.js';
import { loadVisible } from '../customers/service.js';
import { recordsChanged, refreshNextFollowUp } from '../customers/writer.js';
import * as repo from './repo.js';

// Zone 5: the operation log (the audit trail read for one customer) and the follow-up records
// (跟进记录) in one timeline, newest first.

type Timeline = ({ kind: 'log' } & ReturnType<typeof logItem>) | FollowUp;

function logItem(row: Awaited<ReturnType<typeof repo.listLog>>[number]) {
  return {
    kind: 'log' as const,
    id: String(row.id),
    at: row.at,
    actorName: row.actor_name,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    changes: JSON.parse(row.changes) as Change[],
  };
}

function followUpItem(row: repo.FollowupRow): FollowUp {
  return {
    kind: 'followup',
    id: String(row.id),
    at: row.sort_at,
    actorName: row.author_name,
    occurredOn: row.occurred_on,
    method: row.method,
    content: row.content,
    nextFollowUpOn: row.next_follow_up_on,
    version: row.version,
  };
}

/** Cursor: [at, kind, id] of the last item shown. */
const ActivityCursor = z.tuple([cursorValue.text, z.enum(['log', 'followup']), cursorValue.id]);

function parseCursor(cursor: string) {
  const [at, kind, id] = decodeCursor(cursor, ActivityCursor);
  return { at, kind, id };
}

const newestFirst = (a: Timeline, b: Timeline) => {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.kind !== b.kind) return a.kind === 'log' ? -1 : 1;
  return Number(b.id) - Number(a.id);
};

export async function listActivities(ctx: AppContext, actor: Actor, customerId: number, query: z.infer<typeof ActivityQuery>) {
  const scope = scopeFor(ctx, actor);
  const { db } = ctx.database;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  let page = query.page ?? 1;
  const wantLog = query.kind !== 'followup';
  const wantFollowups = query.kind !== 'log';
  // Keyset merge of two sources: each gives what could come next, the merge decides.
  let beforeLog: repo.Before | undefined;
  let beforeFollowup: repo.Before | undefined;
  let skip = (page - 1) * pageSize;
  if (query.cursor) {
    const c = parseCursor(query.cursor);
    // Order: instant descending; at the same instant log entries first; then id descending.
    beforeLog = { at: c.at, id: c.kind === 'log' ? c.id : 0 };
    beforeFollowup = { at: c.at, id: c.kind === 'followup' ? c.id : Number.MAX_SAFE_INTEGER };
    skip = 0;
    page = 0;
  }
  const want = skip + pageSize + 1;
  // The 404 for a customer out of sight comes from loadVisible; the reads beside it go through
  // the same scope, so they find nothing of such a customer.
  // The log is the customer's own and that of the customers merged into it.
  const [, subjects, followups] = await Promise.all([
    loadVisible(scope, customerId),
    wantLog ? repo.logSubjects(db, scope, customerId) : Promise.resolve(null),
    wantFollowups ? repo.listFollowups(db, scope, customerId, want, beforeFollowup) : Promise.resolve([]),
  ]);
  const logs = subjects ? await repo.listLog(db, subjects, want, beforeLog) : [];
  // Without a cursor each source was read from its newest row.
  const [logCount, followupCount] = await Promise.all([
    subjects ? totalAfterReading(logs.length, want, !query.cursor, () => repo.countLog(db, subjects)) : Promise.resolve(0),
    wantFollowups ? totalAfterReading(followups.length, want, !query.cursor, () => repo.countFollowups(db, scope, customerId)) : Promise.resolve(0),
  ]);
  const merged: Timeline[] = [...logs.map(logItem), ...followups.map(followUpItem)].sort(newestFirst);
  const items = merged.slice(skip, skip + pageSize);
  const last = items.at(-1);
  const hasMore = merged.length > skip + pageSize;
  return {
    items,
    total: logCount + followupCount,
    totalExact: true,
    page,
    pageSize,
    nextCursor: hasMore && last ? encodeCursor([last.at, last.kind, Number(last.id)]) : null,
  };
}

/** Where a follow-up sits in the timeline: now if it happened today, else the start of its day. */
function sortAtOf(ctx: AppContext, occurredOn: string, nowIso: string): string {
  return occurredOn === today(ctx) ? nowIso : startOfBusinessDate(occurredOn, ctx.config.timeZone).toISOString();
}

function assertDates(ctx: AppContext, occurredOn: string, next: string | null | undefined) {
  if (occurredOn > today(ctx)) {
    throw fieldError('occurredOn', { zh: '跟进日期不能晚于今天', en: 'the follow-up date cannot be in the future' });
  }
  if (next && next < occurredOn) {
    throw fieldError('nextFollowUpOn', { zh: '下次跟进日期不能早于本次跟进日期', en: 'the next follow-up cannot be before this one' });
  }
}

const logged = (row: Partial<repo.FollowupRow>) =>
  (['occurred_on', 'method', 'content', 'next_follow_up_on'] as const)
    .filter((k) => k in row)
    .map((k) => ({ field: { occurred_on: 'occurredOn', method: 'method', content: 'content', next_follow_up_on: 'nextFollowUpOn' }[k], value: row[k] ?? null }));

export async function getFollowUp(ctx: AppContext, actor: Actor, customerId: number, id: number): Promise<FollowUp> {
  const row = await repo.findFollowup(ctx.database.db, scopeFor(ctx, actor), customerId, id);
  if (!row) throw new AppError('not_found');
  return followUpItem(row);
}

export async function createFollowUp(ctx: AppContext, actor: Actor, customerId: number, input: z.infer<typeof CreateFollowUpRequest>) {
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const customer = await lockVisible(trx, scopeFor(ctx, actor, trx), customerId);
    assertDates(ctx, input.occurredOn, input.nextFollowUpOn);
    const now = ctx.clock.now().toISOString();
    const row = {
      author_id: actor.id || null,
      author_name: actor.displayName,
      occurred_on: input.occurredOn,
      method: input.method ?? null,
      content: input.content,
      next_follow_up_on: input.nextFollowUpOn ?? null,
      sort_at: sortAtOf(ctx, input.occurredOn, now),
      created_at: now,
      updated_at: now,
    };
    const newId = await repo.insertFollowup(trx, customer, row);
    await refreshNextFollowUp(trx, customer);
    await recordsChanged(trx, customer, now);
    const changes = logged(row).filter((c) => c.value !== null).map((c) => ({ field: c.field, old: null, new: c.value }));
    await recordAudit(trx, ctx, actor, { entity: 'followup', entityId: newId, customerId, action: 'created', changes });
    return newId;
  });
  return getFollowUp(ctx, actor, customerId, id);
}

export async function updateFollowUp(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  id: number,
  input: z.infer<typeof UpdateFollowUpRequest>,
) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const before = await repo.findFollowup(trx, scope, customerId, id);
    if (!before) throw new AppError('not_found');
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const changes: Partial<repo.FollowupRow> = {};
    if (input.occurredOn !== undefined && input.occurredOn !== before.occurred_on) changes.occurred_on = input.occurredOn;
    if (input.method !== undefined && input.method !== before.method) changes.method = input.method;
    if (input.content !== undefined && input.content !== before.content) changes.content = input.content;
    if (input.nextFollowUpOn !== undefined && input.nextFollowUpOn !== before.next_follow_up_on) changes.next_follow_up_on = input.nextFollowUpOn;
    if (Object.keys(changes).length === 0) return;
    assertDates(ctx, changes.occurred_on ?? before.occurred_on, 'next_follow_up_on' in changes ? changes.next_follow_up_on : before.next_follow_up_on);
    const now = ctx.clock.now().toISOString();
    if (changes.occurred_on) changes.sort_at = sortAtOf(ctx, changes.occurred_on, now);
    if (!(await repo.updateFollowup(trx, customer, id, before.version, { ...changes, updated_at: now }))) throw new AppError('stale_version');
    await refreshNextFollowUp(trx, customer);
    await recordsChanged(trx, customer, now);
    const diff = logged(changes).map((c) => ({ field: c.field, old: before[({ occurredOn: 'occurred_on', method: 'method', content: 'content', nextFollowUpOn: 'next_follow_up_on' } as const)[c.field as 'occurredOn']] ?? null, new: c.value }));
    await recordAudit(trx, ctx, actor, { entity: 'followup', entityId: id, customerId, action: 'updated', changes: diff });
  });
  return getFollowUp(ctx, actor, customerId, id);
}

export async function deleteFollowUp(ctx: AppContext, actor: Actor, customerId: number, id: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const before = await repo.findFollowup(trx, scope, customerId, id);
    if (!before) throw new AppError('not_found');
    await repo.deleteFollowup(trx, customer, id);
    await refreshNextFollowUp(trx, customer);
    await recordsChanged(trx, customer, ctx.clock.now().toISOString());
    const changes = logged(before).filter((c) => c.value !== null).map((c) => ({ field: c.field, old: c.value, new: null }));
    await recordAudit(trx, ctx, actor, { entity: 'followup', entityId: id, customerId, action: 'deleted', changes });
  });
}

/** "Follow up today / overdue": visible customers whose next follow-up date has come. */
export async function listDueFollowUps(ctx: AppContext, actor: Actor, withinDays = 0, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  const scope = scopeFor(ctx, actor);
  const now = today(ctx);
  const until = new Date(Date.parse(`${now}T00:00:00Z`) + withinDays * 86_400_000).toISOString().slice(0, 10);
  const [rows, total] = await Promise.all([
    repo.listDue(scope, until, pageSize, (page - 1) * pageSize),
    repo.countDue(scope, until),
  ]);
  const contents = await repo.latestContents(ctx.database.db, rows.map((r) => r.id));
  const items = rows.map((r) => ({
    customerId: String(r.id),
    customerName: r.name,
    ownerName: r.owner_name,
    nextFollowUpOn: r.next_follow_up_on as string,
    overdueDays: Math.max(0, daysBetween(r.next_follow_up_on as string, now)),
    daysUntil: daysBetween(now, r.next_follow_up_on as string),
    lastContent: contents.get(r.id) ?? '',
  }));
  return { items, total, totalExact: true, page, pageSize, nextCursor: null };
}
