import type { Kysely } from 'kysely';
import { forNoKeyUpdate } from '../db/dialect.js';
import type { DB } from '../db/schema.js';

// The rows a customer's search text is made from, and the column it is kept in: read here, not
// through the customers module, which depends on this one for its searches.

/**
 * Everything a customer is found by: its own fields and its contacts' names and phones. The
 * customer row is locked first (PostgreSQL; SQLite runs one write transaction at a time), so
 * that an edit of the customer and a change to its contacts, in two transactions, each build
 * the search text from what the other committed, and neither overwrites the other's.
 */
export async function searchSourceOf(db: Kysely<DB>, customerId: number) {
  const customer = await forNoKeyUpdate(db, db.selectFrom('customers').select(['name', 'keyword', 'phone']).where('id', '=', customerId)).executeTakeFirst();
  if (!customer) return undefined;
  return { customer, contacts: await contactsSearchSourceOf(db, customerId) };
}

/**
 * The contacts' part of searchSourceOf, for a caller that already has the customer's fields and
 * has locked its row (lockVisible).
 */
export function contactsSearchSourceOf(db: Kysely<DB>, customerId: number) {
  return db.selectFrom('contacts').select(['name', 'mobile', 'phone']).where('customer_id', '=', customerId).execute();
}

export async function setSearchText(db: Kysely<DB>, customerId: number, searchText: string) {
  await db.updateTable('customers').set({ search_text: searchText }).where('id', '=', customerId).execute();
}
