import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, ProductsTable } from '../../db/schema.js';
import { containsIgnoringCase } from '../../db/dialect.js';

export type ProductRow = Selectable<ProductsTable> & { supplier_name: string | null };

export interface ProductFilter {
  q?: string | undefined;
  active?: boolean | undefined;
  supplierId?: number | undefined;
  category?: string | undefined;
}

const sortColumns = { code: 'products.code_norm', name: 'products.name', price: 'products.price_fen', createdAt: 'products.created_at' } as const;
export type ProductSort = keyof typeof sortColumns;

function base(db: Kysely<DB>) {
  return db.selectFrom('products').leftJoin('suppliers', 'suppliers.id', 'products.supplier_id');
}

function filtered(db: Kysely<DB>, f: ProductFilter) {
  let q = base(db);
  if (f.active !== undefined) q = q.where('products.active', '=', f.active ? 1 : 0);
  if (f.supplierId !== undefined) q = q.where('products.supplier_id', '=', f.supplierId);
  if (f.category) q = q.where('products.category', '=', f.category);
  const needle = f.q;
  if (needle) q = q.where((eb) => eb.or(['products.code_norm', 'products.name', 'products.model'].map((c) => containsIgnoringCase(c, needle))));
  return q;
}

export async function listProducts(db: Kysely<DB>, f: ProductFilter, sort: ProductSort, order: 'asc' | 'desc', limit: number, offset: number) {
  return (await filtered(db, f)
    .selectAll('products')
    .select('suppliers.name as supplier_name')
    .orderBy(sortColumns[sort], order)
    .orderBy('products.id', order)
    .limit(limit)
    .offset(offset)
    .execute()) as ProductRow[];
}

export async function countProducts(db: Kysely<DB>, f: ProductFilter): Promise<number> {
  return Number((await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

export async function findProduct(db: Kysely<DB>, id: number) {
  return (await base(db).selectAll('products').select('suppliers.name as supplier_name').where('products.id', '=', id).executeTakeFirst()) as
    | ProductRow
    | undefined;
}

export async function findByCode(db: Kysely<DB>, codeNorm: string) {
  return db.selectFrom('products').select('id').where('code_norm', '=', codeNorm).executeTakeFirst();
}

export async function insertProduct(db: Kysely<DB>, row: Insertable<ProductsTable>): Promise<number> {
  return Number((await db.insertInto('products').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function updateProduct(db: Kysely<DB>, id: number, version: number, changes: Updateable<ProductsTable>) {
  const r = await db.updateTable('products').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function isProductInUse(db: Kysely<DB>, id: number): Promise<boolean> {
  const inQuote = await db.selectFrom('quote_lines').select('id').where('product_id', '=', id).limit(1).executeTakeFirst();
  if (inQuote) return true;
  const inPurchase = await db.selectFrom('purchases').select('id').where('product_id', '=', id).limit(1).executeTakeFirst();
  return inPurchase !== undefined;
}

export async function deleteProduct(db: Kysely<DB>, id: number) {
  await db.deleteFrom('products').where('id', '=', id).execute();
}

export async function supplierExists(db: Kysely<DB>, id: number) {
  return (await db.selectFrom('suppliers').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
