import type { Kysely } from 'kysely';
import { phoneDigits } from '../../../../common/normalize.js';
import type { DB } from '../../db/schema.js';
import * as repo from './repo.js';
import { buildSearchText, gramsOf, searchParts } from './search-text.js';

/**
 * Rebuilds a customer's search text and n-grams from its fields and contacts, inside the
 * caller's transaction. Called after any change to what the customer is found by.
 */
export async function refreshSearch(trx: Kysely<DB>, customerId: number): Promise<void> {
  const source = await repo.searchSourceOf(trx, customerId);
  if (!source) return;
  const { searchText, grams } = searchOf(source.customer, source.contacts);
  await repo.setSearchText(trx, customerId, searchText);
  await repo.replaceGrams(trx, customerId, grams);
}

function searchOf(fields: OwnFields, contacts: { name: string; mobile: string; phone: string }[]) {
  const extra = contacts.flatMap((c) => [c.name, phoneDigits(c.mobile), phoneDigits(c.phone)]).filter(Boolean);
  const parts = { ...fields, extra };
  return { searchText: buildSearchText(parts), grams: gramsOf(searchParts(parts)) };
}

/**
 * The search text and n-grams of a customer whose own fields are about to become `fields`,
 * with its contacts read here. The caller has locked the customer's row (findCustomerForUpdate,
 * as refreshSearch does), writes the text with its own UPDATE of the customer and then
 * replaces the grams: two round trips fewer than refreshSearch after the UPDATE.
 */
export async function searchOfEdited(trx: Kysely<DB>, customerId: number, fields: OwnFields) {
  return searchOf(fields, await repo.contactsSearchSourceOf(trx, customerId));
}

/** What a customer without contacts is found by: its own fields. */
type OwnFields = { name: string; keyword: string; phone: string };

/**
 * The search text of a new customer, written by its INSERT: it has no contacts yet, so its
 * fields are all there is, and reading them back (as refreshSearch does) would cost a create
 * four more round trips — a good part of its time on PostgreSQL.
 */
export function searchTextOfNew(fields: OwnFields): string {
  return buildSearchText(fields);
}

/** Indexes a customer just inserted with searchTextOfNew (it has no n-grams to replace). */
export async function indexNewCustomer(trx: Kysely<DB>, customerId: number, fields: OwnFields): Promise<void> {
  await repo.insertGrams(trx, customerId, gramsOf(searchParts(fields)));
}
