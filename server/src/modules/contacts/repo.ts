import type { Kysely, Selectable } from 'kysely';
import type { ContactsTable, DB } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';

export type ContactRow = Selectable<ContactsTable>;

/** Contacts of one customer, only if that customer is visible through the scope. */
function ofVisibleCustomer(db: Kysely<DB>, scope: CustomerScope, customerId: number) {
  return db
    .selectFrom('contacts')
    .where('contacts.customer_id', '=', customerId)
    .where('contacts.customer_id', 'in', scope.customerIds(customerId));
}

export async function listContacts(db: Kysely<DB>, scope: CustomerScope, customerId: number, limit: number, offset: number) {
  return ofVisibleCustomer(db, scope, customerId)
    .selectAll()
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countContacts(db: Kysely<DB>, scope: CustomerScope, customerId: number): Promise<number> {
  const row = await ofVisibleCustomer(db, scope, customerId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findContact(db: Kysely<DB>, scope: CustomerScope, customerId: number, contactId: number) {
  return ofVisibleCustomer(db, scope, customerId).selectAll().where('contacts.id', '=', contactId).executeTakeFirst();
}

export async function insertContact(db: Kysely<DB>, customer: VisibleCustomer, row: Omit<ContactRow, 'id' | 'version' | 'customer_id'>): Promise<number> {
  const inserted = await db.insertInto('contacts').values({ ...row, customer_id: customer.id, version: 1 }).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function updateContact(
  db: Kysely<DB>,
  customer: VisibleCustomer,
  contactId: number,
  version: number,
  changes: Partial<Omit<ContactRow, 'id' | 'customer_id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('contacts')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', contactId)
    .where('customer_id', '=', customer.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteContact(db: Kysely<DB>, customer: VisibleCustomer, contactId: number) {
  await db.deleteFrom('contacts').where('id', '=', contactId).where('customer_id', '=', customer.id).execute();
}

/** Makes every other contact of the customer non-primary; returns those changed. */
export async function clearPrimary(db: Kysely<DB>, customer: VisibleCustomer, exceptId: number) {
  const others = await db
    .selectFrom('contacts')
    .select(['id', 'name'])
    .where('customer_id', '=', customer.id)
    .where('is_primary', '=', 1)
    .where('id', '!=', exceptId)
    .execute();
  if (others.length) {
    await db
      .updateTable('contacts')
      .set((eb) => ({ is_primary: 0, version: eb('version', '+', 1) }))
      .where('id', 'in', others.map((o) => o.id))
      .execute();
  }
  return others;
}
