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
  const extra = source.contacts.flatMap((c) => [c.name, phoneDigits(c.mobile), phoneDigits(c.phone)]).filter(Boolean);
  const parts = { ...source.customer, extra };
  await repo.setSearchText(trx, customerId, buildSearchText(parts));
  await repo.replaceGrams(trx, customerId, gramsOf(searchParts(parts)));
}
