import type { Kysely } from 'kysely';
import type { DB, DelegationsTable } from '../../db/schema.js';
import type { Insertable } from 'kysely';
import { forNoKeyUpdate } from '../../db/dialect.js';
import { isActiveGrant, type CustomerScope } from '../../policy/scope.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('delegations')
    .innerJoin('customers', 'customers.id', 'delegations.customer_id')
    .innerJoin('users as from_user', 'from_user.id', 'delegations.from_user_id')
    .innerJoin('users as to_user', 'to_user.id', 'delegations.to_user_id')
    .leftJoin('users as granter', 'granter.id', 'delegations.granted_by')
    .leftJoin('users as ender', 'ender.id', 'delegations.ended_by')
    .selectAll('delegations')
    .select([
      // Shown only while the grant is active; an ended one shows customer_name_snapshot.
      'customers.name as live_customer_name',
      'from_user.display_name as from_name',
      'to_user.display_name as to_name',
      'granter.display_name as granted_by_name',
      'ender.display_name as ended_by_name',
    ]);
}
export type DelegationWithNames = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

/** Who may receive a grant: an active salesperson. */
export async function activeSalesperson(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .where('role', '=', 'sales')
    .executeTakeFirst();
}

export async function insertDelegation(db: Kysely<DB>, customer: VisibleCustomer, row: Omit<Insertable<DelegationsTable>, 'customer_id'>): Promise<number> {
  const inserted = await db.insertInto('delegations').values({ ...row, customer_id: customer.id }).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function findActiveGrant(db: Kysely<DB>, customerId: number, toUserId: number, today: string) {
  return db
    .selectFrom('delegations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('to_user_id', '=', toUserId)
    .where((eb) => isActiveGrant(eb, today))
    .executeTakeFirst();
}

/**
 * The customers about to be granted, locked as every writer of a customer locks it (first, in id
 * order), so that a rename cannot slip between reading the name and storing the grant.
 */
/** A customer the scope admits, with what a grant copies of it (its owner and name). */
export function findGrantableCustomer(scope: CustomerScope, id: number) {
  return scope.customers().select(['customers.id', 'customers.owner_id', 'customers.name']).where('customers.id', '=', id).executeTakeFirst();
}

/** Live customers a user owns, in id order (for granting all of them). */
export function ownedCustomerIds(db: Kysely<DB>, ownerId: number) {
  return db.selectFrom('customers').select('id').where('owner_id', '=', ownerId).where('deleted_at', 'is', null).orderBy('id').execute();
}

export async function lockCustomersToGrant(db: Kysely<DB>, ids: number[]) {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out = new Map<number, { owner_id: number; name: string }>();
  for (let i = 0; i < sorted.length; i += 500) {
    const q = db.selectFrom('customers').select(['id', 'owner_id', 'name']).where('id', 'in', sorted.slice(i, i + 500)).orderBy('id');
    for (const r of await forNoKeyUpdate(db, q).execute()) out.set(Number(r.id), { owner_id: Number(r.owner_id), name: r.name });
  }
  return out;
}

/** A renamed customer's active grants take the new name; ended ones keep theirs. */
export async function renameInActiveGrants(db: Kysely<DB>, customerId: number, name: string, today: string) {
  await db
    .updateTable('delegations')
    .set({ customer_name_snapshot: name })
    .where('customer_id', '=', customerId)
    .where((eb) => isActiveGrant(eb, today))
    .execute();
}

export async function setEndsOn(db: Kysely<DB>, customer: VisibleCustomer, id: number, endsOn: string | null) {
  await db.updateTable('delegations').set({ ends_on: endsOn }).where('id', '=', id).where('customer_id', '=', customer.id).execute();
}

export async function findDelegation(db: Kysely<DB>, id: number) {
  return withNames(db).where('delegations.id', '=', id).executeTakeFirst();
}

export async function endDelegations(
  db: Kysely<DB>,
  ids: number[],
  at: string,
  by: number | null,
  reason: 'revoked' | 'transferred' | 'user_disabled',
): Promise<Set<number>> {
  // Only grants not ended meanwhile: of two transactions ending the same grant, one does.
  const ended = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .updateTable('delegations')
      .set({ ended_at: at, ended_by: by, end_reason: reason })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('ended_at', 'is', null)
      .returning('id')
      .execute();
    for (const r of rows) ended.add(Number(r.id));
  }
  return ended;
}

/** Active grants matching a filter (for ending them). */
export async function activeGrants(
  db: Kysely<DB>,
  today: string,
  f: { customerIds?: number[]; toUserId?: number; fromUserId?: number },
) {
  let q = db
    .selectFrom('delegations')
    .innerJoin('users', 'users.id', 'delegations.to_user_id')
    .select(['delegations.id', 'delegations.customer_id', 'delegations.to_user_id', 'users.display_name as to_name'])
    .where((eb) => isActiveGrant(eb, today));
  if (f.customerIds) q = q.where('delegations.customer_id', 'in', f.customerIds);
  if (f.toUserId !== undefined) q = q.where('delegations.to_user_id', '=', f.toUserId);
  if (f.fromUserId !== undefined) q = q.where('delegations.from_user_id', '=', f.fromUserId);
  return q.execute();
}

export interface ListFilter {
  fromUserId?: number;
  toUserId?: number;
  customerId?: number;
  state?: 'active' | 'ended';
}

function filtered(db: Kysely<DB>, f: ListFilter, today: string) {
  let q = withNames(db);
  if (f.fromUserId !== undefined) q = q.where('delegations.from_user_id', '=', f.fromUserId);
  if (f.toUserId !== undefined) q = q.where('delegations.to_user_id', '=', f.toUserId);
  if (f.customerId !== undefined) q = q.where('delegations.customer_id', '=', f.customerId);
  if (f.state === 'active') q = q.where((eb) => isActiveGrant(eb, today));
  if (f.state === 'ended') q = q.where((eb) => eb.not(isActiveGrant(eb, today)));
  return q;
}

export async function listDelegations(db: Kysely<DB>, f: ListFilter, today: string, limit: number, offset: number) {
  return filtered(db, f, today).orderBy('delegations.id', 'desc').limit(limit).offset(offset).execute();
}

export async function countDelegations(db: Kysely<DB>, f: ListFilter, today: string): Promise<number> {
  const row = await filtered(db, f, today)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
