import type { Kysely, Selectable } from 'kysely';
import type { DB, FollowupsTable } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';

export type FollowupRow = Selectable<FollowupsTable>;

/** Timeline position: rows strictly before (sortAt, id) in newest-first order. */
export interface Before {
  at: string;
  id: number;
}

function followupsOf(db: Kysely<DB>, scope: CustomerScope, customerId: number) {
  return db
    .selectFrom('followups')
    .where('followups.customer_id', '=', customerId)
    .where('followups.customer_id', 'in', scope.customerIds(customerId));
}

export async function listFollowups(db: Kysely<DB>, scope: CustomerScope, customerId: number, limit: number, before?: Before) {
  let q = followupsOf(db, scope, customerId).selectAll();
  if (before) q = q.where((eb) => eb(eb.refTuple('sort_at', 'id'), '<', eb.tuple(before.at, before.id)));
  return q.orderBy('sort_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countFollowups(db: Kysely<DB>, scope: CustomerScope, customerId: number): Promise<number> {
  const row = await followupsOf(db, scope, customerId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

declare const subjects: unique symbol;
/** The customers whose log a visible customer's timeline shows; only logSubjects makes one. */
export type LogSubjects = readonly number[] & { readonly [subjects]: true };

/**
 * A visible customer and every customer merged into it, transitively (a customer merged into
 * one that was later merged itself): the log entries of a merged customer stay its own and are
 * read through this link. Empty when the customer is not visible.
 */
export async function logSubjects(db: Kysely<DB>, scope: CustomerScope, customerId: number): Promise<LogSubjects> {
  const rows = await db
    .withRecursive('merged(id)', (qb) =>
      scope.customerIds(customerId).union(
        qb
          .selectFrom('customers')
          .innerJoin('merged', 'merged.id', 'customers.merged_into_id')
          .select('customers.id')
          .where('customers.merged_into_id', 'is not', null),
      ),
    )
    .selectFrom('merged')
    .select('merged.id')
    .execute();
  return rows.map((r) => Number(r.id)) as unknown as LogSubjects;
}

/** The operation log of the subjects: the audit trail rows about them. */
export async function listLog(db: Kysely<DB>, subjects: LogSubjects, limit: number, before?: Before) {
  if (subjects.length === 0) return [];
  let q = db.selectFrom('audit_log').selectAll().where('customer_id', 'in', subjects);
  if (before) q = q.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(before.at, before.id)));
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countLog(db: Kysely<DB>, subjects: LogSubjects): Promise<number> {
  if (subjects.length === 0) return 0;
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', 'in', subjects)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findFollowup(db: Kysely<DB>, scope: CustomerScope, customerId: number, id: number) {
  return followupsOf(db, scope, customerId).selectAll().where('followups.id', '=', id).executeTakeFirst();
}

export async function insertFollowup(db: Kysely<DB>, customer: VisibleCustomer, row: Omit<FollowupRow, 'id' | 'version' | 'customer_id'>): Promise<number> {
  const inserted = await db.insertInto('followups').values({ ...row, customer_id: customer.id, version: 1 }).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function updateFollowup(
  db: Kysely<DB>,
  customer: VisibleCustomer,
  id: number,
  version: number,
  changes: Partial<Omit<FollowupRow, 'id' | 'customer_id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('followups')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('customer_id', '=', customer.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteFollowup(db: Kysely<DB>, customer: VisibleCustomer, id: number) {
  await db.deleteFrom('followups').where('id', '=', id).where('customer_id', '=', customer.id).execute();
}

/** Visible customers whose next follow-up is due on or before `until`, earliest first. */
export async function listDue(scope: CustomerScope, until: string, limit: number, offset: number) {
  return scope
    .customers()
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .select(['customers.id', 'customers.name', 'customers.next_follow_up_on', 'users.display_name as owner_name'])
    .where('customers.next_follow_up_on', '<=', until)
    .orderBy('customers.next_follow_up_on')
    .orderBy('customers.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countDue(scope: CustomerScope, until: string): Promise<number> {
  const row = await scope
    .customers()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers.next_follow_up_on', '<=', until)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The latest follow-up's content of each customer, for the due list. */
export async function latestContents(db: Kysely<DB>, customerIds: number[]) {
  if (customerIds.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom('followups')
    .select(['customer_id', 'content', 'occurred_on', 'id'])
    .where('customer_id', 'in', customerIds)
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) if (!out.has(r.customer_id)) out.set(r.customer_id, r.content);
  return out;
}
