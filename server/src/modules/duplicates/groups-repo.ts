import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';
import type { GroupReason } from '../../../../common/duplicates/keys.js';

// The admin's duplicate groups, from the counters the customer writer keeps (duplicate_keys):
// a page is read along their index, largest first, whatever the number of customers.

function groups(db: Kysely<DB>) {
  return db
    .selectFrom('duplicate_keys')
    .where('duplicate_keys.customers', '>', 1)
    // A word the admin has since declared generic never forms a group.
    .where('duplicate_keys.key', 'not in', db.selectFrom('generic_keywords').select('word'));
}

export function groupPage(db: Kysely<DB>, offset: number, limit: number) {
  return groups(db)
    .select(['reason', 'key', 'customers'])
    .orderBy('customers', 'desc')
    .orderBy('reason')
    .orderBy('key')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function groupCount(db: Kysely<DB>): Promise<number> {
  const row = await groups(db).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first `limit` customers of a group, oldest first. */
export function groupCustomers(scope: CustomerScope, reason: GroupReason, key: string, limit: number) {
  const column = reason === 'same_keyword' ? 'customers.keyword_norm' : 'customers.name_core';
  return scope
    .customers()
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .select(['customers.id', 'customers.name', 'customers.keyword', 'customers.created_on', 'users.display_name as owner_name'])
    .where(column, '=', key)
    .orderBy('customers.created_on')
    .orderBy('customers.id')
    .limit(limit)
    .execute();
}
