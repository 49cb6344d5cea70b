import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, SuppliersTable } from '../../db/schema.js';
import { containsIgnoringCase } from '../../db/dialect.js';

export type SupplierRow = Selectable<SuppliersTable> & { product_count: number };

function withCounts(db: Kysely<DB>) {
  return db
    .selectFrom('suppliers')
    .selectAll('suppliers')
    .select((eb) =>
      eb.selectFrom('products').select((e) => e.fn.countAll<number>().as('n')).whereRef('products.supplier_id', '=', 'suppliers.id').as('product_count'),
    );
}

export interface SupplierFilter {
  q?: string | undefined;
  active?: boolean | undefined;
}

function filtered(db: Kysely<DB>, f: SupplierFilter) {
  let q = withCounts(db);
  if (f.active !== undefined) q = q.where('suppliers.active', '=', f.active ? 1 : 0);
  const needle = f.q;
  if (needle) q = q.where((eb) => eb.or(['suppliers.name', 'suppliers.contact_name', 'suppliers.phone'].map((c) => containsIgnoringCase(c, needle))));
  return q;
}

export async function listSuppliers(db: Kysely<DB>, f: SupplierFilter, sort: 'name' | 'createdAt', order: 'asc' | 'desc', limit: number, offset: number) {
  const column = sort === 'name' ? 'suppliers.name' : 'suppliers.created_at';
  return (await filtered(db, f).orderBy(column, order).orderBy('suppliers.id', order).limit(limit).offset(offset).execute()) as SupplierRow[];
}

export async function countSuppliers(db: Kysely<DB>, f: SupplierFilter): Promise<number> {
  let q = db.selectFrom('suppliers').select((eb) => eb.fn.countAll<number>().as('n'));
  if (f.active !== undefined) q = q.where('suppliers.active', '=', f.active ? 1 : 0);
  const needle = f.q;
  if (needle) q = q.where((eb) => eb.or(['suppliers.name', 'suppliers.contact_name', 'suppliers.phone'].map((c) => containsIgnoringCase(c, needle))));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function findSupplier(db: Kysely<DB>, id: number) {
  return (await withCounts(db).where('suppliers.id', '=', id).executeTakeFirst()) as SupplierRow | undefined;
}

export async function insertSupplier(db: Kysely<DB>, row: Insertable<SuppliersTable>): Promise<number> {
  return Number((await db.insertInto('suppliers').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function updateSupplier(db: Kysely<DB>, id: number, version: number, changes: Updateable<SuppliersTable>) {
  const r = await db.updateTable('suppliers').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteSupplier(db: Kysely<DB>, id: number) {
  await db.deleteFrom('suppliers').where('id', '=', id).execute();
}
