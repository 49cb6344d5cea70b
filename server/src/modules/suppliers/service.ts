import type { z } from 'zod';
import type { CreateSupplierRequest, Supplier, SupplierQuery, UpdateSupplierRequest } from '../../../../common/schemas/suppliers.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import { can, type Actor } from '../../policy/actor.js';
import { diffChanges, recordAudit } from '../audit/service.js';
import * as repo from './repo.js';

// Suppliers (供应商管理): everyone reads, the admin writes. A supplier with products is
// deactivated, never deleted.

const fields = ['name', 'contactName', 'phone', 'email', 'address', 'bankName', 'bankAccount', 'taxId', 'notes'] as const;
const columns = {
  name: 'name', contactName: 'contact_name', phone: 'phone', email: 'email', address: 'address',
  bankName: 'bank_name', bankAccount: 'bank_account', taxId: 'tax_id', notes: 'notes',
} as const;

function toSupplier(r: repo.SupplierRow): Supplier {
  return {
    id: String(r.id), name: r.name, contactName: r.contact_name, phone: r.phone, email: r.email, address: r.address,
    bankName: r.bank_name, bankAccount: r.bank_account, taxId: r.tax_id, notes: r.notes, active: r.active === 1,
    productCount: Number(r.product_count), version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function assertManager(actor: Actor) {
  if (!can(actor, 'catalogue.manage')) throw new AppError('forbidden');
}

export async function listSuppliers(ctx: AppContext, query: z.infer<typeof SupplierQuery>) {
  const { db } = ctx.database;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = query.page ?? 1;
  const filter = { q: query.q || undefined, active: query.active === undefined ? undefined : query.active === 'true' };
  const [rows, total] = await Promise.all([
    repo.listSuppliers(db, filter, query.sort ?? 'name', query.order ?? 'asc', pageSize, (page - 1) * pageSize),
    repo.countSuppliers(db, filter),
  ]);
  return { items: rows.map(toSupplier), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function getSupplier(ctx: AppContext, id: number) {
  const row = await repo.findSupplier(ctx.database.db, id);
  if (!row) throw new AppError('not_found');
  return toSupplier(row);
}

export async function createSupplier(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateSupplierRequest>) {
  assertManager(actor);
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    const newId = await repo.insertSupplier(trx, {
      name: input.name, contact_name: input.contactName ?? '', phone: input.phone ?? '', email: input.email ?? '',
      address: input.address ?? '', bank_name: input.bankName ?? '', bank_account: input.bankAccount ?? '',
      tax_id: input.taxId ?? '', notes: input.notes ?? '', active: input.active === false ? 0 : 1,
      version: 1, created_at: now, updated_at: now,
    });
    const changes = fields.filter((f) => input[f]).map((f) => ({ field: f, old: null, new: input[f] ?? null }));
    await recordAudit(trx, ctx, actor, { entity: 'supplier', entityId: newId, action: 'created', changes });
    return newId;
  });
  return getSupplier(ctx, id);
}

export async function updateSupplier(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof UpdateSupplierRequest>) {
  assertManager(actor);
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await repo.findSupplier(trx, id);
    if (!before) throw new AppError('not_found');
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const beforeApi: Record<string, string | boolean> = { ...Object.fromEntries(fields.map((f) => [f, before[columns[f]]])), active: before.active === 1 };
    const { version: _version, ...after } = input;
    const changes = diffChanges(beforeApi, after, [...fields, 'active']);
    if (changes.length === 0) return;
    const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
    for (const c of changes) set[c.field === 'active' ? 'active' : columns[c.field as (typeof fields)[number]]] = c.field === 'active' ? (c.new ? 1 : 0) : c.new;
    if (!(await repo.updateSupplier(trx, id, before.version, set))) throw new AppError('stale_version');
    await recordAudit(trx, ctx, actor, { entity: 'supplier', entityId: id, action: 'updated', changes });
  });
  return getSupplier(ctx, id);
}

export async function deleteSupplier(ctx: AppContext, actor: Actor, id: number) {
  assertManager(actor);
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await repo.findSupplier(trx, id);
    if (!before) throw new AppError('not_found');
    if (Number(before.product_count) > 0) throw new AppError('in_use', { reason: 'supplier_has_products' });
    await repo.deleteSupplier(trx, id);
    await recordAudit(trx, ctx, actor, { entity: 'supplier', entityId: id, action: 'deleted', changes: [{ field: 'name', old: before.name, new: null }] });
  });
}
