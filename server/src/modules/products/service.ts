import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { formatMoney, parseMoney } from '../../../../common/money.js';
import { normalizeText } from '../../../../common/normalize.js';
import type { CreateProductRequest, Product, ProductQuery, UpdateProductRequest } from '../../../../common/schemas/products.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import { can, type Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import * as repo from './repo.js';

// Products and services (商品注册): everyone reads, the admin writes. In use (quoted or bought)
// → deactivate instead of delete; inactive products are not offered for new quotes/purchases.

function toProduct(r: repo.ProductRow): Product {
  return {
    id: String(r.id), code: r.code, name: r.name, model: r.model, unit: r.unit,
    price: formatMoney(Number(r.price_fen)), annualFee: formatMoney(Number(r.annual_fee_fen)),
    supplierId: r.supplier_id === null ? null : String(r.supplier_id), supplierName: r.supplier_name,
    category: r.category, active: r.active === 1, notes: r.notes, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function assertManager(actor: Actor) {
  if (!can(actor, 'catalogue.manage')) throw new AppError('forbidden');
}

export async function listProducts(ctx: AppContext, query: z.infer<typeof ProductQuery>) {
  const { db } = ctx.database;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = query.page ?? 1;
  const filter = {
    q: query.q || undefined,
    active: query.active === undefined ? undefined : query.active === 'true',
    supplierId: query.supplierId ? Number(query.supplierId) : undefined,
    category: query.category || undefined,
  };
  const [rows, total] = await Promise.all([
    repo.listProducts(db, filter, query.sort ?? 'code', query.order ?? 'asc', pageSize, (page - 1) * pageSize),
    repo.countProducts(db, filter),
  ]);
  return { items: rows.map(toProduct), total, totalExact: true, page, pageSize, nextCursor: null };
}

export async function getProduct(ctx: AppContext, id: number) {
  const row = await repo.findProduct(ctx.database.db, id);
  if (!row) throw new AppError('not_found');
  return toProduct(row);
}

/** A product that may go on a new quote or purchase: it exists and is active (else 422). */
export async function orderableProduct(trx: Kysely<DB>, id: number, field: string) {
  const row = await repo.findProduct(trx, id);
  if (!row || row.active !== 1) {
    throw fieldError(field, { zh: '商品不存在或已停用', en: 'no such product, or it is inactive' });
  }
  return row;
}

async function assertSupplier(trx: Kysely<DB>, supplierId: string | null | undefined) {
  if (supplierId && !(await repo.supplierExists(trx, Number(supplierId)))) {
    throw fieldError('supplierId', { zh: '供应商不存在', en: 'no such supplier' });
  }
}

const codeTaken = () => fieldError('code', { zh: '商品编号已存在', en: 'this product code exists' });

export async function createProduct(ctx: AppContext, actor: Actor, input: z.infer<typeof CreateProductRequest>) {
  assertManager(actor);
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const codeNorm = normalizeText(input.code);
    if (await repo.findByCode(trx, codeNorm)) throw codeTaken();
    await assertSupplier(trx, input.supplierId);
    const now = ctx.clock.now().toISOString();
    const newId = await repo.insertProduct(trx, {
      code: input.code, code_norm: codeNorm, name: input.name, model: input.model ?? '', unit: input.unit ?? '',
      price_fen: parseMoney(input.price), annual_fee_fen: parseMoney(input.annualFee ?? '0'),
      supplier_id: input.supplierId ? Number(input.supplierId) : null, category: input.category ?? '',
      active: input.active === false ? 0 : 1, notes: input.notes ?? '', version: 1, created_at: now, updated_at: now,
    });
    await recordAudit(trx, ctx, actor, {
      entity: 'product', entityId: newId, action: 'created',
      changes: [
        { field: 'code', old: null, new: input.code },
        { field: 'name', old: null, new: input.name },
        { field: 'price', old: null, new: formatMoney(parseMoney(input.price)) },
      ],
    });
    return newId;
  });
  return getProduct(ctx, id);
}

export async function updateProduct(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof UpdateProductRequest>) {
  assertManager(actor);
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await repo.findProduct(trx, id);
    if (!before) throw new AppError('not_found');
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const b = toProduct(before);
    const set: Record<string, unknown> = {};
    const changes: { field: string; old: string | boolean | null; new: string | boolean | null }[] = [];
    const text = ['code', 'name', 'model', 'unit', 'category', 'notes'] as const;
    for (const f of text) {
      const v = input[f];
      if (v !== undefined && v !== b[f]) {
        set[f] = v;
        changes.push({ field: f, old: b[f], new: v });
      }
    }
    if (set.code !== undefined) {
      const codeNorm = normalizeText(String(set.code));
      const other = await repo.findByCode(trx, codeNorm);
      if (other && other.id !== id) throw codeTaken();
      set.code_norm = codeNorm;
    }
    for (const [f, column] of [['price', 'price_fen'], ['annualFee', 'annual_fee_fen']] as const) {
      const v = input[f];
      if (v !== undefined && formatMoney(parseMoney(v)) !== b[f]) {
        set[column] = parseMoney(v);
        changes.push({ field: f, old: b[f], new: formatMoney(parseMoney(v)) });
      }
    }
    if (input.supplierId !== undefined && input.supplierId !== b.supplierId) {
      await assertSupplier(trx, input.supplierId);
      set.supplier_id = input.supplierId === null ? null : Number(input.supplierId);
      changes.push({ field: 'supplier', old: b.supplierName, new: input.supplierId });
    }
    if (input.active !== undefined && input.active !== b.active) {
      set.active = input.active ? 1 : 0;
      changes.push({ field: 'active', old: b.active, new: input.active });
    }
    if (changes.length === 0) return;
    set.updated_at = ctx.clock.now().toISOString();
    if (!(await repo.updateProduct(trx, id, before.version, set))) throw new AppError('stale_version');
    await recordAudit(trx, ctx, actor, { entity: 'product', entityId: id, action: 'updated', changes });
  });
  return getProduct(ctx, id);
}

export async function deleteProduct(ctx: AppContext, actor: Actor, id: number) {
  assertManager(actor);
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await repo.findProduct(trx, id);
    if (!before) throw new AppError('not_found');
    if (await repo.isProductInUse(trx, id)) throw new AppError('in_use', { reason: 'product_quoted_or_bought' });
    await repo.deleteProduct(trx, id);
    await recordAudit(trx, ctx, actor, { entity: 'product', entityId: id, action: 'deleted', changes: [{ field: 'code', old: before.code, new: null }] });
  });
}
