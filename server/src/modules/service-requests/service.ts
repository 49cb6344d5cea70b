import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { CreateServiceRequest, DeskQuery, DeskUpdateRequest, ServiceRequest, UpdateServiceRequest } from '../../../../common/schemas/service-requests.js';
import { today, type AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFor } from '../../policy/scope.js';
import { lockAssignedCustomer, lockVisible, type VisibleCustomer } from '../../policy/visible-customer.js';
import { recordAudit } from '../audit/service.js';
import { loadVisible } from '../customers/service.js';
import { recordsChanged } from '../customers/writer.js';
import * as repo from './repo.js';

// After-sales service requests (售后服务). Through the customer's path they follow the customer's
// visibility; through the service desk the assigned staff member works on the request and sees
// the customer's name and contacts — nothing else, and nothing once unassigned.

type Status = ServiceRequest['status'];
/** new → in progress → resolved → closed; resolved or closed → reopened → in progress. */
const next: Record<Status, Status[]> = {
  new: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in_progress'],
};

export function canMove(from: Status, to: Status): boolean {
  return from === to || next[from].includes(to);
}

function toRequest(r: repo.RequestRow): ServiceRequest {
  return {
    id: String(r.id), customerId: String(r.customer_id), customerName: r.customer_name, title: r.title, description: r.description,
    priority: r.priority, purchaseId: r.purchase_id === null ? null : String(r.purchase_id), productName: r.product_name ?? null,
    contactId: r.contact_id === null ? null : String(r.contact_id), contactName: r.contact_name ?? null, reportedOn: r.reported_on,
    channel: r.channel, status: r.status, assigneeId: r.assignee_id === null ? null : String(r.assignee_id),
    assigneeName: r.assignee_name ?? null, resolution: r.resolution, timeSpentMinutes: r.time_spent_minutes, authorName: r.author_name,
    lastProgressAt: r.last_progress_at, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

async function checkReferences(trx: Kysely<DB>, customerId: number, input: { purchaseId?: string | null | undefined; contactId?: string | null | undefined; assigneeId?: string | null | undefined }) {
  if (input.purchaseId && !(await repo.purchaseOfCustomer(trx, customerId, Number(input.purchaseId)))) {
    throw fieldError('purchaseId', { zh: '该客户没有这条购买记录', en: 'no such purchase of this customer' });
  }
  if (input.contactId && !(await repo.contactOfCustomer(trx, customerId, Number(input.contactId)))) {
    throw fieldError('contactId', { zh: '该客户没有这位联系人', en: 'no such contact of this customer' });
  }
  if (input.assigneeId && !(await repo.activeUser(trx, Number(input.assigneeId)))) {
    throw fieldError('assigneeId', { zh: '只能分派给在职人员', en: 'assign to an active user only' });
  }
}

export async function listForCustomer(ctx: AppContext, actor: Actor, customerId: number, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  const scope = scopeFor(ctx, actor);
  const { db } = ctx.database;
  await loadVisible(scope, customerId);
  const [rows, total] = await Promise.all([repo.listForCustomer(db, scope, customerId, pageSize, (page - 1) * pageSize), repo.countForCustomer(db, scope, customerId)]);
  return { items: rows.map(toRequest), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function getForCustomer(ctx: AppContext, actor: Actor, customerId: number, id: number) {
  const row = await repo.findForCustomer(ctx.database.db, scopeFor(ctx, actor), customerId, id);
  if (!row) throw new AppError('not_found');
  return toRequest(row);
}

export async function createRequest(ctx: AppContext, actor: Actor, customerId: number, input: z.infer<typeof CreateServiceRequest>) {
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const customer = await lockVisible(trx, scopeFor(ctx, actor, trx), customerId);
    await checkReferences(trx, customerId, input);
    const status = input.status ?? 'new';
    if (status !== 'new' && status !== 'in_progress') throw new AppError('invalid_transition', { to: status });
    const reportedOn = input.reportedOn ?? today(ctx);
    if (reportedOn > today(ctx)) throw fieldError('reportedOn', { zh: '报告日期不能晚于今天', en: 'the reported date cannot be in the future' });
    const now = ctx.clock.now().toISOString();
    const newId = await repo.insertRequest(trx, customer, {
      title: input.title, description: input.description ?? '', priority: input.priority ?? 'normal',
      purchase_id: input.purchaseId ? Number(input.purchaseId) : null, contact_id: input.contactId ? Number(input.contactId) : null,
      reported_on: reportedOn, channel: input.channel ?? null, status, assignee_id: input.assigneeId ? Number(input.assigneeId) : null,
      resolution: input.resolution ?? '', time_spent_minutes: input.timeSpentMinutes ?? 0, author_name: actor.displayName,
      last_progress_at: now, version: 1, created_at: now, updated_at: now,
    });
    await recordsChanged(trx, customer, now);
    await recordAudit(trx, ctx, actor, {
      entity: 'service_request', entityId: newId, customerId, action: 'created',
      changes: [
        { field: 'title', old: null, new: input.title },
        { field: 'priority', old: null, new: input.priority ?? 'normal' },
        { field: 'serviceStatus', old: null, new: status },
      ],
    });
    return newId;
  });
  return getForCustomer(ctx, actor, customerId, id);
}

const editable = ['title', 'description', 'priority', 'reportedOn', 'channel', 'status', 'resolution', 'timeSpentMinutes', 'assigneeId', 'purchaseId', 'contactId'] as const;
const column = {
  title: 'title', description: 'description', priority: 'priority', reportedOn: 'reported_on', channel: 'channel', status: 'status',
  resolution: 'resolution', timeSpentMinutes: 'time_spent_minutes', assigneeId: 'assignee_id', purchaseId: 'purchase_id', contactId: 'contact_id',
} as const;

async function applyUpdate(
  ctx: AppContext,
  actor: Actor,
  trx: Kysely<DB>,
  customer: VisibleCustomer,
  before: repo.RequestRow,
  input: Partial<Record<(typeof editable)[number], unknown>> & { version: number },
) {
  if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
  const current = toRequest(before);
  if (input.status !== undefined && !canMove(current.status, input.status as Status)) {
    throw new AppError('invalid_transition', { from: current.status, to: input.status });
  }
  await checkReferences(trx, before.customer_id, input as { purchaseId?: string | null; contactId?: string | null; assigneeId?: string | null });
  const set: Record<string, unknown> = {};
  const changes: { field: string; old: string | number | null; new: string | number | null }[] = [];
  for (const field of editable) {
    const value = input[field];
    if (value === undefined || value === current[field]) continue;
    const isRef = field === 'assigneeId' || field === 'purchaseId' || field === 'contactId';
    set[column[field]] = isRef ? (value === null ? null : Number(value)) : value;
    // Logged as serviceStatus so the log can tell it from the customer's own status.
    changes.push({ field: field === 'status' ? 'serviceStatus' : field, old: current[field] as string | number | null, new: value as string | number | null });
  }
  if (changes.length === 0) return;
  const now = ctx.clock.now().toISOString();
  if (!(await repo.updateRequest(trx, customer, before.id, before.version, { ...set, last_progress_at: now, updated_at: now }))) throw new AppError('stale_version');
  await recordsChanged(trx, customer, now);
  await recordAudit(trx, ctx, actor, { entity: 'service_request', entityId: before.id, customerId: before.customer_id, action: 'updated', changes });
}

export async function updateForCustomer(ctx: AppContext, actor: Actor, customerId: number, id: number, input: z.infer<typeof UpdateServiceRequest>) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const before = await repo.findForCustomer(trx, scope, customerId, id);
    if (!before) throw new AppError('not_found');
    await applyUpdate(ctx, actor, trx, customer, before, input);
  });
  return getForCustomer(ctx, actor, customerId, id);
}

export async function deleteForCustomer(ctx: AppContext, actor: Actor, customerId: number, id: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const before = await repo.findForCustomer(trx, scope, customerId, id);
    if (!before) throw new AppError('not_found');
    await repo.deleteRequest(trx, customer, id);
    await recordsChanged(trx, customer, ctx.clock.now().toISOString());
    await recordAudit(trx, ctx, actor, { entity: 'service_request', entityId: id, customerId, action: 'deleted', changes: [{ field: 'title', old: before.title, new: null }] });
  });
}

// --- the service desk ------------------------------------------------------------------------

export async function listDesk(ctx: AppContext, actor: Actor, query: z.infer<typeof DeskQuery>) {
  const scope = scopeFor(ctx, actor);
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = query.page ?? 1;
  const statuses = query.status === undefined || query.status === 'open' ? ['new', 'in_progress', 'reopened'] : [query.status];
  const filter: repo.DeskFilter = {
    statuses,
    priority: query.priority,
    assigneeId: query.mine === 'true' ? actor.id : query.assigneeId ? Number(query.assigneeId) : undefined,
    noProgressSince: query.overdueDays ? new Date(ctx.clock.now().getTime() - query.overdueDays * 86_400_000).toISOString() : undefined,
  };
  const { db } = ctx.database;
  const [rows, total] = await Promise.all([repo.listDesk(db, scope, filter, pageSize, (page - 1) * pageSize), repo.countDesk(db, scope, filter)]);
  return { items: rows.map(toRequest), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function getDeskItem(ctx: AppContext, actor: Actor, id: number) {
  const { db } = ctx.database;
  const row = await repo.findOnDesk(db, scopeFor(ctx, actor), id);
  if (!row) throw new AppError('not_found');
  const contacts = await repo.contactsOf(db, row.customer_id);
  return {
    request: toRequest(row),
    customer: { id: String(row.customer_id), name: row.customer_name },
    contacts: contacts.map((c) => ({ id: String(c.id), name: c.name, title: c.title, mobile: c.mobile, phone: c.phone, email: c.email, wechat: c.wechat, isPrimary: c.is_primary === 1 })),
  };
}

export async function updateOnDesk(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof DeskUpdateRequest>) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    // The customer is known only from the request: locked, then the request read again.
    const found = await repo.findOnDesk(trx, scope, id);
    if (!found) throw new AppError('not_found');
    const customer = await lockAssignedCustomer(trx, found);
    const before = await repo.findOnDesk(trx, scope, id);
    if (!before) throw new AppError('not_found');
    await applyUpdate(ctx, actor, trx, customer, before, input);
  });
  return getDeskItem(ctx, actor, id);
}
