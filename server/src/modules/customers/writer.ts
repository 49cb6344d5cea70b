import type { Kysely } from 'kysely';
import { duplicateKeysOf, keyDeltas } from '../../../../common/duplicates/keys.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../../policy/actor.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';
import type { Change } from '../../../../common/schemas/audit.js';
import { recordAudit } from '../audit/service.js';
import { syncArrears } from './arrears-repo.js';
import { adjustDuplicateKeys } from './duplicate-keys-repo.js';
import * as mergeRepo from './merge-repo.js';
import * as repo from './repo.js';
import { indexCustomer, indexNewCustomers, refreshSearch, searchOf, searchOfEdited } from '../../search/index.js';

// THE customer writer. A customer row has derived stores that must move with it in the same
// transaction: the status counters (customer_counts), the arrears ledger (customer_arrears), the
// search text and its index terms, the duplicate keys and their group counters (duplicate_keys),
// the next follow-up date, the updated time and the audit entry. Every path that writes customers — the service, transfers, imports, merges, and any later one —
// goes through these functions, so none of them can forget a store. The consistency check of the
// tests (server/test/consistency.ts) recomputes every store and compares.

/** A new customer as the caller built it; the writer adds its search text. */
export type NewCustomer = Omit<repo.NewCustomerRow, 'search_text' | 'name_norm' | 'keyword_norm' | 'name_core' | 'merged_into_id'>;

/** Creates a customer with its index terms, its count and its log entry ('created'). */
export async function createCustomer(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  customer: NewCustomer,
  logged: Change[],
): Promise<repo.CustomerRow> {
  // A new customer has no contacts: its own fields are all it is found by, so its search text
  // goes into its INSERT and it is indexed, with nothing read back or replaced.
  const search = searchOf({ name: customer.name, keyword: customer.keyword, phone: customer.phone }, []);
  const keys = duplicateKeysOf(customer.name, customer.keyword);
  const inserted = await repo.insertCustomer(trx, { ...customer, ...keys, merged_into_id: null, search_text: search.searchText });
  await indexNewCustomers(trx, [{ id: inserted.id, grams: search.grams }]);
  await repo.adjustCount(trx, inserted.owner_id, inserted.status_id, 1);
  await adjustDuplicateKeys(trx, keyDeltas([keys], 1));
  await recordAudit(trx, ctx, actor, { entity: 'customer', entityId: inserted.id, customerId: inserted.id, action: 'created', changes: logged });
  return inserted;
}

/** The columns of a customer an edit may change. */
export type CustomerChanges = Partial<
  Pick<repo.CustomerRow, 'name' | 'keyword' | 'status_id' | 'owner_id' | 'created_on' | 'industry' | 'source' | 'region' | 'address' | 'phone' | 'website' | 'notes'>
>;

/**
 * Edits a visible customer, locked by lockVisible, if its version still matches (else 409
 * stale_version): its search text when what it is found by changed, its counters when its
 * status or owner did, its arrears row when its owner did, and its log entry ('updated').
 */
export async function updateCustomer(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  before: VisibleCustomer & Pick<repo.CustomerRow, 'name' | 'keyword' | 'phone' | 'owner_id' | 'status_id' | 'version' | 'keyword_norm' | 'name_core'>,
  changes: CustomerChanges,
  logged: Change[],
): Promise<void> {
  const name = changes.name ?? before.name;
  const keyword = changes.keyword ?? before.keyword;
  const searchChanged = changes.name !== undefined || changes.keyword !== undefined || changes.phone !== undefined;
  const search = searchChanged ? await searchOfEdited(trx, before.id, { name, keyword, phone: changes.phone ?? before.phone }) : undefined;
  const ownerMoved = changes.owner_id !== undefined && changes.owner_id !== before.owner_id;
  const keys = changes.name !== undefined || changes.keyword !== undefined ? duplicateKeysOf(name, keyword) : undefined;
  const { owner_id: _owner, ...rest } = changes;
  const ok = await repo.updateCustomer(trx, before, before.version, {
    ...rest,
    ...(search ? { search_text: search.searchText } : {}),
    ...(keys ?? {}),
    ...(ownerMoved ? { owner_id: changes.owner_id } : {}),
    updated_at: ctx.clock.now().toISOString(),
  });
  if (!ok) throw new AppError('stale_version');
  if (search) await indexCustomer(trx, before.id, search.grams);
  // The owner is part of the customer's arrears row.
  if (ownerMoved) await syncArrears(trx, [before.id]);
  await repo.adjustCounts(trx, [
    { ownerId: before.owner_id, statusId: before.status_id, delta: -1 },
    { ownerId: ownerMoved ? changes.owner_id! : before.owner_id, statusId: changes.status_id ?? before.status_id, delta: 1 },
  ]);
  if (keys) await adjustDuplicateKeys(trx, [...keyDeltas([before], -1), ...keyDeltas([keys], 1)]);
  if (logged.length) await recordAudit(trx, ctx, actor, { entity: 'customer', entityId: before.id, customerId: before.id, action: 'updated', changes: logged });
}

/** Moves a visible customer to the recycle bin: out of its counter and the arrears ledger. */
export async function deleteCustomer(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  before: VisibleCustomer & Pick<repo.CustomerRow, 'owner_id' | 'status_id' | 'keyword_norm' | 'name_core'>,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await repo.setDeleted(trx, before.id, now, actor.id || null, now);
  await syncArrears(trx, [before.id]);
  await repo.adjustCount(trx, before.owner_id, before.status_id, -1);
  await adjustDuplicateKeys(trx, keyDeltas([before], -1));
  await recordAudit(trx, ctx, actor, { entity: 'customer', entityId: before.id, customerId: before.id, action: 'deleted' });
}

/** Brings a customer back from the recycle bin (locked by the bin's own read): the reverse of deleteCustomer. */
export async function restoreCustomer(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  deleted: Pick<repo.CustomerRow, 'id' | 'owner_id' | 'status_id' | 'keyword_norm' | 'name_core'>,
): Promise<void> {
  await repo.setDeleted(trx, deleted.id, null, null, ctx.clock.now().toISOString());
  await syncArrears(trx, [deleted.id]);
  await repo.adjustCount(trx, deleted.owner_id, deleted.status_id, 1);
  await adjustDuplicateKeys(trx, keyDeltas([deleted], 1));
  await recordAudit(trx, ctx, actor, { entity: 'customer', entityId: deleted.id, customerId: deleted.id, action: 'restored' });
}

/**
 * Gives locked customers (repo.lockOwnedCustomers: ascending ids) to another owner: the owner
 * column, counters moved status by status, the arrears rows, a log entry per customer.
 */
export async function transferCustomers(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  rows: readonly { id: number; status_id: number }[],
  from: { id: number; name: string },
  to: { id: number; name: string },
): Promise<void> {
  const ids = rows.map((r) => r.id);
  await repo.setOwner(trx, ids, to.id, ctx.clock.now().toISOString());
  await syncArrears(trx, ids);
  await repo.moveCounts(trx, rows, from.id, to.id);
  for (const id of ids) {
    await recordAudit(trx, ctx, actor, {
      entity: 'customer',
      entityId: id,
      customerId: id,
      action: 'transferred',
      changes: [{ field: 'owner', old: from.name, new: to.name }],
    });
  }
}

/**
 * Folds `source` into `target`, both locked by lockVisible in ascending id order: the target
 * takes `fills` (its empty fields, logged in `logged`) and a new version if its version still
 * matches (else 409 stale_version); the source goes to the recycle bin for good, linked by
 * merged_into_id, and its records move to the target, with both customers' search, arrears and
 * next follow-up. Log entries: 'merged' on the target, 'merged_into' on the source.
 */
export async function mergeCustomer(
  trx: Kysely<DB>,
  ctx: AppContext,
  actor: Actor,
  target: VisibleCustomer & Pick<repo.CustomerRow, 'name' | 'version'>,
  source: VisibleCustomer & Pick<repo.CustomerRow, 'name' | 'owner_id' | 'status_id' | 'keyword_norm' | 'name_core'>,
  fills: CustomerChanges,
  logged: Change[],
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  if (!(await repo.updateCustomer(trx, target, target.version, { ...fills, updated_at: now }))) throw new AppError('stale_version');
  // The source leaves its counter, duplicate keys and arrears ledger first: counters before records.
  await deleteCustomer(trx, ctx, actor, source);
  await mergeRepo.setMergedInto(trx, source, target.id);
  await mergeRepo.moveRecords(trx, source, target);
  await recordsChanged(trx, target, now, { search: true, arrears: true });
  await recordsChanged(trx, source, now, { search: true });
  await refreshNextFollowUp(trx, target);
  await repo.setNextFollowUp(trx, source.id, null);
  await recordAudit(trx, ctx, actor, {
    entity: 'customer', entityId: source.id, customerId: source.id, action: 'merged_into',
    changes: [{ field: 'mergedInto', old: null, new: target.name }, { field: 'mergedIntoId', old: null, new: String(target.id) }],
  });
  await recordAudit(trx, ctx, actor, {
    entity: 'customer', entityId: target.id, customerId: target.id, action: 'merged',
    changes: [{ field: 'mergedFrom', old: null, new: source.name }, { field: 'mergedFromId', old: null, new: String(source.id) }, ...logged],
  });
}

/**
 * After a write to one of the customer's records (contacts, follow-ups, quotes, purchases,
 * payments, fees, service requests): the customer counts as recently updated (not a new
 * version); `search` when what it is found by changed (its contacts), `arrears` when what it
 * owes may have (purchases, payments).
 */
export async function recordsChanged(
  trx: Kysely<DB>,
  customer: VisibleCustomer,
  at: string,
  what: { search?: boolean; arrears?: boolean } = {},
): Promise<void> {
  if (what.search) await refreshSearch(trx, customer.id);
  if (what.arrears) await syncArrears(trx, [customer.id]);
  await repo.touchUpdatedAt(trx, customer.id, at);
}

/**
 * The customer's next planned follow-up, kept on its row for the due list: the one its most
 * recent follow-up names. After any change to its follow-ups.
 */
export async function refreshNextFollowUp(trx: Kysely<DB>, customer: VisibleCustomer): Promise<void> {
  await repo.setNextFollowUp(trx, customer.id, await repo.latestNextFollowUp(trx, customer.id));
}
