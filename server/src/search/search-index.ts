import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import * as repo from './repo.js';
import { searchOf } from './search-text.js';
import { indexCustomer } from './term-index.js';

/**
 * Rebuilds a customer's search text and n-grams from its fields and contacts, inside the
 * caller's transaction. Called after any change to what the customer is found by.
 */
export async function refreshSearch(trx: Kysely<DB>, customerId: number): Promise<void> {
  const source = await repo.searchSourceOf(trx, customerId);
  if (!source) return;
  const { searchText, grams } = searchOf(source.customer, source.contacts);
  await repo.setSearchText(trx, customerId, searchText);
  await indexCustomer(trx, customerId, grams);
}

/**
 * The search text and n-grams of a customer whose own fields are about to become `fields`,
 * with its contacts read here. The caller has locked the customer's row (lockVisible,
 * as refreshSearch does), writes the text with its own UPDATE of the customer and then
 * replaces the grams: two round trips fewer than refreshSearch after the UPDATE.
 */
export async function searchOfEdited(trx: Kysely<DB>, customerId: number, fields: { name: string; keyword: string; phone: string }) {
  return searchOf(fields, await repo.contactsSearchSourceOf(trx, customerId));
}
