import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { isPostgres } from '../db/dialect.js';
import { AppError } from '../lib/app-error.js';
import type { CustomerScope } from './scope.js';

declare const proof: unique symbol;

/**
 * A customer the policy found visible to the actor, with its row locked until the transaction
 * ends. Repo functions that write customer-owned data take one instead of a bare id, so a write
 * whose visibility was never checked does not compile. Only this module makes one.
 */
export interface VisibleCustomer {
  readonly id: number;
  readonly [proof]: true;
}

/**
 * Locks the customer's row, then decides its visibility: the first step of every write on a
 * customer or its records. Writers of one customer queue on this lock, taken before any other,
 * so they cannot deadlock and each reads what the one before it committed. The lock is a query
 * of its own: a locking query that joins status and owner lost rows to PostgreSQL's re-check.
 *
 * `read` (given the scope) fetches the row the caller needs, and must read through the scope;
 * without it the check is the scope's own one-row query. Invisible or missing: 404.
 */
export async function lockVisible(trx: Kysely<DB>, scope: CustomerScope, id: number): Promise<VisibleCustomer>;
export async function lockVisible<R extends { id: number }>(
  trx: Kysely<DB>,
  scope: CustomerScope,
  id: number,
  read: (scope: CustomerScope, id: number) => Promise<R | undefined>,
): Promise<R & VisibleCustomer>;
export async function lockVisible<R extends { id: number }>(
  trx: Kysely<DB>,
  scope: CustomerScope,
  id: number,
  read?: (scope: CustomerScope, id: number) => Promise<R | undefined>,
): Promise<VisibleCustomer | (R & VisibleCustomer)> {
  await lockCustomerRow(trx, id);
  const row = read ? await read(scope, id) : await scope.customerIds(id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row as unknown as R & VisibleCustomer;
}

/**
 * The lock without the customer's visibility check, for the service desk: an assignee works on
 * a request without seeing its customer. The request, read through visibleServiceRequest, is
 * the proof; its customer is the one locked.
 */
export async function lockAssignedCustomer(trx: Kysely<DB>, request: { customer_id: number }): Promise<VisibleCustomer> {
  await lockCustomerRow(trx, request.customer_id);
  return { id: request.customer_id } as VisibleCustomer;
}

/**
 * Customers the system itself writes without an actor's view of them (imports checked against
 * the importer's scope in bulk, transfers by the admin): ids locked in ascending order by the
 * caller. Greppable like systemActor.
 */
export function asVisibleCustomers(ids: readonly number[]): VisibleCustomer[] {
  return ids.map((id) => ({ id }) as VisibleCustomer);
}

/**
 * FOR NO KEY UPDATE, the mode an UPDATE of the row takes anyway: it queues writers of the
 * customer but not inserts of its child rows, whose foreign-key checks only share the key.
 * SQLite runs one write transaction at a time and needs no row lock.
 */
async function lockCustomerRow(trx: Kysely<DB>, id: number): Promise<void> {
  if (isPostgres(trx)) await trx.selectFrom('customers').select('customers.id').where('customers.id', '=', id).forNoKeyUpdate().execute();
}
