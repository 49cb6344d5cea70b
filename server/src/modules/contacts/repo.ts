import type { Kysely, Selectable } from 'kysely';
import type { ContactsTable, DB } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';

export type ContactRow = Selectable<ContactsTable>;

/** Contacts of one customer, only if that customer is visible through the scope. */
function ofVisibleCustomer(scope: CustomerScope, customerId: number) {
  return scope.db
    .selectFrom('contacts')
    .where('contacts.customer_id', '=', customerId)
    .where('contacts.customer_id', 'in', scope.customerIds(customerId));
}

export async function listContacts(scope: CustomerScope, customerId: number, limit: number, offset: number) {
  return ofVisibleCustomer(scope, customerId)
    .selectAll()
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countContacts(scope: CustomerScope, customerId: number): Promise<number> {
  const row = await ofVisibleCustomer(scope, customerId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findContact(scope: CustomerScope, customerId: number, contactId: number) {
  return ofVisibleCustomer(scope, customerId).selectAll().where('contacts.id', '=', contactId).executeTakeFirst();
}

export async function insertContact(db: Kysely<DB>, row: Omit<ContactRow, 'id' | 'version'>): Promise<number> {
  const inserted = await db.insertInto('contacts').values({ ...row, version: 1 }).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function updateContact(
  db: Kysely<DB>,
  contactId: number,
  version: number,
  changes: Partial<Omit<ContactRow, 'id' | 'customer_id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('contacts')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', contactId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteContact(db: Kysely<DB>, contactId: number) {
  await db.deleteFrom('contacts').where('id', '=', contactId).execute();
}

/** Makes every other contact of the customer non-primary; returns those changed. */
export async function clearPrimary(db: Kysely<DB>, customerId: number, exceptId: number) {
  const others = await db
    .selectFrom('contacts')
    .select(['id', 'name'])
    .where('customer_id', '=', customerId)
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
