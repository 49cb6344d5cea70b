import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';
import { insertIndexEntries, refreshSearch } from '../../search/index.js';
import { syncArrears } from './arrears-repo.js';
import * as batchRepo from './batch-repo.js';
import type { NewRows, NewRowsJson, PreparedContact } from './batch-rows.js';
import { keyDeltas, type KeyDelta } from '../../../../common/duplicates/keys.js';
import { adjustDuplicateKeys } from './duplicate-keys-repo.js';
import * as repo from './repo.js';
import { recordsChanged } from './writer.js';

// The customer writer (writer.ts) for thousands of customers at a time: an import's commit and
// its undo. The same stores move as for one customer — counters, arrears, search index, log
// entries — set at a time. A batch is written in steps, because the import's pipeline runs the
// next batch's inserts while the one before it commits: the caller runs them in the order
// below, taking its own turn (and the customers' row locks) before the counters.

/** A batch of new customers as prepared off the main thread (batch-rows.ts). */
export interface CustomerBatch {
  /** One per customer, in insert order (the caller's row numbers). */
  rowNos: number[];
  /** How many of them each owner gets in each status (`owner/status`). */
  counts: Map<string, number>;
  /** The duplicate groups they join (duplicate-keys-repo.ts). */
  groupKeys: KeyDelta[];
  /** Each one's search index entry, in the same order. */
  indexEntries: string[];
  /** SQLite: the rows, to bind. PostgreSQL: the same as JSON. */
  rows: NewRows | NewRowsJson;
}

/** Step 1: inserts the batch's customers; their ids, in order. Needs nothing of earlier batches. */
export function insertCustomerBatch(trx: Kysely<DB>, batch: CustomerBatch, now: string): Promise<number[]> {
  return batchRepo.insertNewCustomers(trx, batch.rows, batch.rowNos.length, now);
}

/** Step 2: the new customers' index entries, contacts and log entries (with their import records). */
export async function completeCustomerBatch(trx: Kysely<DB>, batch: CustomerBatch, ids: readonly number[], log: batchRepo.LogContext): Promise<void> {
  if (ids.length === 0) return;
  await insertIndexEntries(trx, batch.indexEntries.map((entry, i) => ({ id: ids[i]!, entry })));
  await batchRepo.insertTheirRows(trx, batch.rows, ids, log);
}

/** Step 3: the counters, once the caller holds the row locks of the customers it writes to. */
export async function countCustomerBatch(trx: Kysely<DB>, batch: Pick<CustomerBatch, 'counts' | 'groupKeys'>): Promise<void> {
  await repo.adjustCounts(trx, [...batch.counts].map(([key, delta]) => {
    const [ownerId, statusId] = key.split('/').map(Number) as [number, number];
    return { ownerId, statusId, delta };
  }));
  await adjustDuplicateKeys(trx, batch.groupKeys);
}

/**
 * Contacts added to customers (locked by the caller in id order), with their log entries; each
 * customer is then found by them too. A customer the same commit created is not "updated".
 */
export async function addContactsToCustomers(
  trx: Kysely<DB>,
  contacts: { contact: PreparedContact; customerId: number; rowNo: number }[],
  customers: readonly { customer: VisibleCustomer; isNew: boolean }[],
  log: batchRepo.LogContext,
): Promise<void> {
  await batchRepo.addMergedContacts(trx, contacts, log);
  for (const { customer, isNew } of customers) {
    if (isNew) await refreshSearch(trx, customer.id);
    else await recordsChanged(trx, customer, log.now, { search: true });
  }
}

/**
 * Moves live customers to the recycle bin together (an import undone): out of the counters and
 * the arrears ledger, with a log entry each whose changes are `changes` (JSON).
 */
export async function recycleCustomerBatch(
  trx: Kysely<DB>,
  actor: Actor,
  live: readonly { id: number; owner_id: number; status_id: number; keyword_norm: string; name_core: string | null }[],
  at: string,
  changes: string,
): Promise<void> {
  const ids = live.map((c) => c.id);
  await batchRepo.moveToRecycleBin(trx, ids, at, actor.id);
  await syncArrears(trx, ids);
  await repo.adjustCounts(trx, live.map((c) => ({ ownerId: c.owner_id, statusId: c.status_id, delta: -1 })));
  await adjustDuplicateKeys(trx, keyDeltas(live, -1));
  await batchRepo.insertAuditRows(
    trx,
    live.map((c) => ({ at, actor_id: actor.id, actor_name: actor.displayName, entity: 'customer', entity_id: String(c.id), customer_id: c.id, action: 'deleted', changes })),
  );
}

/** Removes contacts from their customers together; each customer's search text is rebuilt. */
export async function removeContactBatch(trx: Kysely<DB>, contacts: readonly { id: number; customerId: number }[]): Promise<void> {
  await batchRepo.deleteContacts(trx, contacts.map((c) => c.id));
  for (const customerId of new Set(contacts.map((c) => c.customerId))) await refreshSearch(trx, customerId);
}
