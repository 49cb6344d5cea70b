import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function listStatuses(db: Kysely<DB>) {
  return db.selectFrom('customer_statuses').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export async function findStatus(db: Kysely<DB>, id: number) {
  return db.selectFrom('customer_statuses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStatusByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('customer_statuses').select('id').where('name', '=', name).executeTakeFirst();
}

export async function maxSortOrder(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('customer_statuses').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
  return Number(row?.m ?? 0);
}

export async function insertStatus(db: Kysely<DB>, name: string, sortOrder: number, at: string): Promise<number> {
  const row = await db
    .insertInto('customer_statuses')
    .values({ name, sort_order: sortOrder, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateStatus(db: Kysely<DB>, id: number, changes: { name?: string; sort_order?: number }) {
  await db.updateTable('customer_statuses').set(changes).where('id', '=', id).execute();
}

export async function deleteStatus(db: Kysely<DB>, id: number) {
  await db.deleteFrom('customer_statuses').where('id', '=', id).execute();
}

/** Whether any customer — live or in the recycle bin — has this status. */
export async function isStatusInUse(db: Kysely<DB>, id: number): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('status_id', '=', id).limit(1).executeTakeFirst();
  return row !== undefined;
}
