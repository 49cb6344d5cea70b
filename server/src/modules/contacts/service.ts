import type { z } from 'zod';
import type { Contact, CreateContactRequest, UpdateContactRequest } from '../../../../common/schemas/contacts.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE, totalAfterReading } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import { scopeFor } from '../../policy/scope.js';
import { lockVisible } from '../../policy/visible-customer.js';
import { recordAudit } from '../audit/service.js';
import { loadVisible } from '../customers/service.js';
import { recordsChanged } from '../customers/writer.js';
import * as repo from './repo.js';

// Contacts (zone 4): many per customer, one may be primary. Every access goes through the
// customer's visibility: a contact is reachable only through its own customer's path.

const fields = ['name', 'title', 'mobile', 'phone', 'email', 'wechat', 'qq', 'notes'] as const;

function toContact(row: repo.ContactRow): Contact {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    name: row.name,
    title: row.title,
    mobile: row.mobile,
    phone: row.phone,
    email: row.email,
    wechat: row.wechat,
    qq: row.qq,
    isPrimary: row.is_primary === 1,
    notes: row.notes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listContacts(ctx: AppContext, actor: Actor, customerId: number, page = 1, pageSize = DEFAULT_PAGE_SIZE) {
  const scope = scopeFor(ctx, actor);
  const offset = (page - 1) * pageSize;
  // The 404 for a customer out of sight comes from loadVisible; the read beside it goes through
  // the same scope, so it finds nothing of such a customer.
  const { db } = ctx.database;
  const [, rows] = await Promise.all([loadVisible(scope, customerId), repo.listContacts(db, scope, customerId, pageSize, offset)]);
  const total = await totalAfterReading(rows.length, pageSize, offset === 0, () => repo.countContacts(db, scope, customerId));
  return { items: rows.map(toContact), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function getContact(ctx: AppContext, actor: Actor, customerId: number, contactId: number) {
  const row = await repo.findContact(ctx.database.db, scopeFor(ctx, actor), customerId, contactId);
  if (!row) throw new AppError('not_found');
  return toContact(row);
}

export async function createContact(ctx: AppContext, actor: Actor, customerId: number, input: z.infer<typeof CreateContactRequest>) {
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const now = ctx.clock.now().toISOString();
    const row = {
      name: input.name,
      title: input.title ?? '',
      mobile: input.mobile ?? '',
      phone: input.phone ?? '',
      email: input.email ?? '',
      wechat: input.wechat ?? '',
      qq: input.qq ?? '',
      notes: input.notes ?? '',
      is_primary: input.isPrimary ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    const newId = await repo.insertContact(trx, customer, row);
    if (input.isPrimary) await repo.clearPrimary(trx, customer, newId);
    await recordsChanged(trx, customer, now, { search: true });
    const changes: { field: string; old: null; new: string | boolean }[] = fields
      .filter((f) => row[f] !== '')
      .map((f) => ({ field: f, old: null, new: row[f] }));
    if (input.isPrimary) changes.push({ field: 'isPrimary', old: null, new: true });
    await recordAudit(trx, ctx, actor, { entity: 'contact', entityId: newId, customerId, action: 'created', changes });
    return newId;
  });
  return getContact(ctx, actor, customerId, id);
}

export async function updateContact(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  contactId: number,
  input: z.infer<typeof UpdateContactRequest>,
) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const before = await repo.findContact(trx, scope, customerId, contactId);
    if (!before) throw new AppError('not_found');
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const changes: Partial<repo.ContactRow> = {};
    const logged: { field: string; old: string | boolean | null; new: string | boolean | null }[] = [];
    for (const f of fields) {
      const value = input[f];
      if (value !== undefined && value !== before[f]) {
        changes[f] = value;
        logged.push({ field: f, old: before[f], new: value });
      }
    }
    if (input.isPrimary !== undefined && (input.isPrimary ? 1 : 0) !== before.is_primary) {
      changes.is_primary = input.isPrimary ? 1 : 0;
      logged.push({ field: 'isPrimary', old: before.is_primary === 1, new: input.isPrimary });
    }
    if (logged.length === 0) return;
    const now = ctx.clock.now().toISOString();
    if (!(await repo.updateContact(trx, customer, contactId, before.version, { ...changes, updated_at: now }))) {
      throw new AppError('stale_version');
    }
    if (changes.is_primary === 1) await repo.clearPrimary(trx, customer, contactId);
    const search = changes.name !== undefined || changes.mobile !== undefined || changes.phone !== undefined;
    await recordsChanged(trx, customer, now, { search });
    await recordAudit(trx, ctx, actor, { entity: 'contact', entityId: contactId, customerId, action: 'updated', changes: logged });
  });
  return getContact(ctx, actor, customerId, contactId);
}

export async function deleteContact(ctx: AppContext, actor: Actor, customerId: number, contactId: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    const customer = await lockVisible(trx, scope, customerId);
    const before = await repo.findContact(trx, scope, customerId, contactId);
    if (!before) throw new AppError('not_found');
    await repo.deleteContact(trx, customer, contactId);
    await recordsChanged(trx, customer, ctx.clock.now().toISOString(), { search: true });
    // The log keeps what was deleted, so nothing is lost.
    const changes = fields.filter((f) => before[f] !== '').map((f) => ({ field: f, old: before[f], new: null }));
    await recordAudit(trx, ctx, actor, { entity: 'contact', entityId: contactId, customerId, action: 'deleted', changes });
  });
}
