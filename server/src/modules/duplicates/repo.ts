import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inIds, likeContains } from '../../db/dialect.js';
import { inValues } from '../../db/bulk.js';
import type { CustomerScope } from '../../policy/scope.js';
import { customersWithTerms, termGrams } from '../../search/index.js';

// The duplicate check's queries. `everyone` is the scope of every live customer of every owner
// (the one deliberate exception to visibility): what leaves this module is only each match's
// name and owner name.

export interface MatchRow {
  id: number;
  name: string;
  owner_name: string;
}

function base(db: Kysely<DB>, everyone: CustomerScope, excludeId: number | undefined, limit: number) {
  let q = everyone
    .customers()
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .select(['customers.id', 'customers.name', 'users.display_name as owner_name'])
    .limit(limit);
  if (excludeId !== undefined) q = q.where('customers.id', '!=', excludeId);
  return q;
}

// A hot brand's keyword or core is shared by thousands: the oldest come first, read in the
// order of the index (key, created_on, id) rather than sorted.

/** Customers whose normalised keyword is `keyword`, oldest first. */
export function withKeyword(db: Kysely<DB>, everyone: CustomerScope, keyword: string, excludeId: number | undefined, limit: number): Promise<MatchRow[]> {
  return base(db, everyone, excludeId, limit).where('customers.keyword_norm', '=', keyword).orderBy('customers.created_on').orderBy('customers.id').execute();
}

/** Customers whose company core is `core`, oldest first. */
export function withCore(db: Kysely<DB>, everyone: CustomerScope, core: string, excludeId: number | undefined, limit: number): Promise<MatchRow[]> {
  return base(db, everyone, excludeId, limit).where('customers.name_core', '=', core).orderBy('customers.created_on').orderBy('customers.id').execute();
}

/** Customers whose keyword is one of `keywords` and is not a generic word the admin listed. */
export function withKeywordAmong(db: Kysely<DB>, everyone: CustomerScope, keywords: readonly string[], excludeId: number | undefined, limit: number): Promise<MatchRow[]> {
  return base(db, everyone, excludeId, limit)
    .where(inValues(db, 'customers.keyword_norm', keywords))
    .where('customers.keyword_norm', 'not in', db.selectFrom('generic_keywords').select('word'))
    .execute();
}

/** Customers whose normalised name contains `keyword`: the search index narrows, the name decides. */
export function withNameContaining(db: Kysely<DB>, everyone: CustomerScope, keyword: string, excludeId: number | undefined, limit: number): Promise<MatchRow[]> {
  return base(db, everyone, excludeId, limit)
    .where(inIds(db, 'customers.id', customersWithTerms(db, termGrams(keyword))))
    .where(likeContains('customers.name_norm', keyword))
    .execute();
}
