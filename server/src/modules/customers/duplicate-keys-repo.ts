import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { KeyDelta } from '../../../../common/duplicates/keys.js';
import { divisionNames } from '../../../../common/duplicates/divisions.js';

// The duplicate groups' counters (duplicate_keys): how many live customers share each
// normalised keyword and each company core. Kept by the customer writer with every create,
// rename, delete, restore and merge, so the admin's groups page never has to group a million
// customers to answer.

/**
 * Applies the deltas, merged per key and in key order, so two writers touching the same keys
 * take their row locks in the same order.
 */
export async function adjustDuplicateKeys(db: Kysely<DB>, deltas: readonly KeyDelta[]): Promise<void> {
  const merged = new Map<string, KeyDelta>();
  for (const d of deltas) {
    const id = `${d.reason}\t${d.key}`;
    const m = merged.get(id);
    if (m) m.delta += d.delta;
    else merged.set(id, { ...d });
  }
  const rows = [...merged.values()]
    .filter((d) => d.delta !== 0)
    .sort((a, b) => (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('duplicate_keys')
      .values(rows.slice(i, i + 500).map((d) => ({ reason: d.reason, key: d.key, customers: d.delta })))
      .onConflict((oc) => oc.columns(['reason', 'key']).doUpdateSet((eb) => ({ customers: eb('duplicate_keys.customers', '+', eb.ref('excluded.customers')) })))
      .execute();
  }
}

/** Recounts every key from the live customers (after bulk loads that bypass the writer). */
export async function rebuildDuplicateKeys(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('duplicate_keys').execute();
  await sql`insert into duplicate_keys (reason, key, customers)
    select 'same_keyword', keyword_norm, count(*) from customers where deleted_at is null and length(keyword_norm) >= 2 group by keyword_norm`.execute(db);
  await sql`insert into duplicate_keys (reason, key, customers)
    select 'same_name', name_core, count(*) from customers where deleted_at is null and name_core is not null group by name_core`.execute(db);
  await dropDivisionKeywords(db);
}

/** Keywords that name a place form no group (groupKeysOf). */
export async function dropDivisionKeywords(db: Kysely<DB>): Promise<void> {
  const names = divisionNames();
  for (let i = 0; i < names.length; i += 500) {
    await db.deleteFrom('duplicate_keys').where('reason', '=', 'same_keyword').where('key', 'in', names.slice(i, i + 500)).execute();
  }
}
