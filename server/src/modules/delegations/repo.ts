import type { Kysely } from 'kysely';
import type { DB, DelegationsTable } from '../../db/schema.js';
import type { Insertable } from 'kysely';
import { isActiveGrant } from '../../policy/scope.js';

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
      'customers.name as customer_name',
      'from_user.display_name as from_name',
      'to_user.display_name as to_name',
      'granter.display_name as granted_by_name',
      'ender.display_name as ended_by_name',
    ]);
}
export type DelegationWithNames = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

export async function insertDelegation(db: Kysely<DB>, row: Insertable<DelegationsTable>): Promise<number> {
  const inserted = await db.insertInto('delegations').values(row).returning('id').executeTakeFirstOrThrow();
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

export async function setEndsOn(db: Kysely<DB>, id: number, endsOn: string | null) {
  await db.updateTable('delegations').set({ ends_on: endsOn }).where('id', '=', id).execute();
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
) {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('delegations')
      .set({ ended_at: at, ended_by: by, end_reason: reason })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
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
