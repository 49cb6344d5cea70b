import type { Expression, ExpressionBuilder, Kysely, Selectable, SelectQueryBuilder, SqlBool } from 'kysely';
import type { CustomersTable, DB } from '../../db/schema.js';
import { forNoKeyUpdate, inIds, isPostgres, likeContains } from '../../db/dialect.js';
import { customersWithTerms, hasTerms, type Walk } from '../../search/index.js';
import { activeGrantsTo, isActiveGrant, type CustomerScope } from '../../policy/scope.js';
import type { Grant } from './mapper.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';

export type CustomerRow = Selectable<CustomersTable>;

/**
 * Every column a listed or shown customer needs: all but search_text, the longest column,
 * which only the search's LIKE reads (in the database); reading it slowed every list query.
 */
const shownColumns = [
  'id', 'name', 'name_norm', 'keyword', 'keyword_norm', 'status_id', 'owner_id', 'created_on', 'industry', 'source', 'region', 'address',
  'phone', 'website', 'notes', 'version', 'created_at', 'updated_at', 'deleted_at', 'deleted_by', 'next_follow_up_on', 'name_core',
  'merged_into_id',
] as const satisfies readonly Exclude<keyof CustomerRow, 'search_text'>[];
// Fails to compile when a column is added to customers but not to shownColumns.
const everyColumnShown: Exclude<keyof CustomerRow, 'search_text' | (typeof shownColumns)[number]> extends never ? true : never = true;
void everyColumnShown;
const shownRefs = shownColumns.map((c) => `customers.${c}` as const);

export type CustomerWithNames = Omit<CustomerRow, 'search_text'> & { status_name: string; owner_name: string };

const sortColumns = {
  createdOn: 'customers.created_on',
  name: 'customers.name',
  updatedAt: 'customers.updated_at',
  id: 'customers.id',
} as const;
export type CustomerSort = keyof typeof sortColumns;

export interface CustomerFilter {
  statusId?: number | undefined;
  ownerId?: number | undefined;
  /** A normalised search term. */
  term?: string | undefined;
  /** The index terms that narrow it (lookupTerms). */
  terms?: string[] | undefined;
  /**
   * How a one-term search meets its term (search/walk-plan.ts searchWalk chooses): unset, it
   * starts from the customers indexed under the term, fetched and sorted; set, the list walks its order
   * index and checks each row, stopping at the page's end. 'postings': each row is checked against the term's postings (read once);
   * 'rows': against its own search text (the term is in so many customers that a page is
   * found within a few hundred rows, or it has no index term at all).
   */
  walk?: Walk | undefined;
  /**
   * With walk 'rows': read at most this many rows (from the cursor, in list order); when the
   * page is not full by then, start from the customers indexed under the term instead. The
   * bound also keeps PostgreSQL walking the order index: asked for the LIKE without it, it
   * planned a scan and sort of every customer.
   */
  rowsBudget?: number | undefined;
}

function withNames(scope: CustomerScope) {
  return scope
    .customers()
    .innerJoin('customer_statuses', 'customer_statuses.id', 'customers.status_id')
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .select(shownRefs)
    .select(['customer_statuses.name as status_name', 'users.display_name as owner_name']);
}

/**
 * The filter's conditions on `customers` (status, owner, search), for any query over it.
 * `walk`: check each customer row (for a list in index order over a common term) rather than
 * starting from the customers indexed under the terms.
 */
function filterConditions(db: Kysely<DB>, f: CustomerFilter, walk?: Walk) {
  return (eb: ExpressionBuilder<DB, 'customers'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (f.statusId !== undefined) conditions.push(eb('customers.status_id', '=', f.statusId));
    if (f.ownerId !== undefined) conditions.push(eb('customers.owner_id', '=', f.ownerId));
    if (f.term) {
      const terms = f.terms ?? [];
      if (walk === 'rows' || terms.length === 0) {
        conditions.push(likeContains('customers.search_text', f.term));
        return eb.and(conditions);
      }
      conditions.push(walk === 'postings' ? hasTerms(db, terms) : inIds(db, 'customers.id', customersWithTerms(db, terms)));
      // A term that is its own single index term (one character, 2 characters, 3 letters, 4
      // digits) matches exactly the customers indexed under it: the LIKE would only re-read
      // every row — and PostgreSQL, which cannot estimate it, would plan for a handful of rows
      // where there are thousands.
      const termIsIndexed = terms.length === 1 && terms[0] === f.term;
      if (!termIsIndexed) conditions.push(likeContains('customers.search_text', f.term));
    }
    return eb.and(conditions);
  };
}

function filtered(db: Kysely<DB>, scope: CustomerScope, f: CustomerFilter, walk?: Walk) {
  return withNames(scope).where(filterConditions(db, f, walk));
}

export async function listCustomers(
  db: Kysely<DB>,
  scope: CustomerScope,
  f: CustomerFilter,
  sort: CustomerSort,
  order: 'asc' | 'desc',
  limit: number,
  page: { offset: number } | { after: [string | number, number] },
): Promise<CustomerWithNames[]> {
  const column = sortColumns[sort];
  const offset = 'offset' in page ? page.offset : 0;
  const afterCursor = <Q extends SelectQueryBuilder<DB, 'customers', object>>(q: Q): Q => {
    if (!('after' in page)) return q;
    const [value, id] = page.after;
    return q.where((eb) =>
      sort === 'id'
        ? eb('customers.id', order === 'asc' ? '>' : '<', id)
        : eb(eb.refTuple(column, 'customers.id'), order === 'asc' ? '>' : '<', eb.tuple(value, id)),
    ) as Q;
  };
  const inOrder = <Q extends SelectQueryBuilder<DB, 'customers', object>>(q: Q): Q =>
    (sort === 'id' ? q.orderBy(column, order) : q.orderBy(column, order).orderBy('customers.id', order)) as Q;
  /** Ids of the scope's first `n` rows in list order: an index-only query. */
  const walk = walkOf(db, scope, f, 'list');
  const firstIds = (s: CustomerScope, n: number, walkIt = walk) =>
    inOrder(afterCursor(s.customers().select('customers.id').where(filterConditions(db, f, walkIt)))).limit(n);

  if (scope.branches) {
    // Owned and granted rows, each branch read in order from its own index up to the page's
    // end, merged here: never more than 2 × (offset + limit) candidate rows.
    const [owned, granted] = scope.branches;
    const depth = offset + limit;
    const union = db
      .selectFrom(firstIds(owned, depth).as('owned'))
      .select('owned.id')
      // The granted branch starts from the grants (see walkOf for how it meets the terms).
      .unionAll(db.selectFrom(firstIds(granted, depth).as('granted')).select('granted.id'));
    let q = rowsOf(db, scope, union);
    if (offset > 0) q = q.offset(offset);
    return (await inOrder(q).limit(limit).execute()) as CustomerWithNames[];
  }
  if (walk === 'rows' && f.rowsBudget !== undefined && f.term) {
    const window = inOrder(afterCursor(scope.customers().where(filterConditions(db, { ...f, term: undefined }))))
      .select((eb) => ['customers.id', 'customers.search_text', eb.ref(column).as('k')])
      .limit(f.rowsBudget);
    const found = db
      .selectFrom(window.as('w'))
      .select('w.id')
      .where(likeContains('w.search_text', f.term))
      .orderBy('w.k', order)
      .orderBy('w.id', order)
      .offset(offset)
      .limit(limit);
    const rows = (await inOrder(rowsOf(db, scope, found as never)).limit(limit).execute()) as CustomerWithNames[];
    if (rows.length === limit) return rows;
    return listCustomers(db, scope, { ...f, walk: undefined, rowsBudget: undefined }, sort, order, limit, page);
  }
  if (offset > 0 || walk) {
    // A deep page by number, or a walk over common grams: find the page's ids in the narrow
    // (index-only) query, then fetch just those rows — instead of reading and joining every
    // skipped or probed row.
    return (await inOrder(rowsOf(db, scope, firstIds(scope, limit).offset(offset))).limit(limit).execute()) as CustomerWithNames[];
  }
  return (await inOrder(afterCursor(filtered(db, scope, f, walk))).limit(limit).execute()) as CustomerWithNames[];
}

/**
 * The rows of a page whose ids an index-only query found, with their names, still within the
 * scope. The ids come first and each is looked up by primary key (CROSS JOIN keeps that order in
 * SQLite): with the ids in an IN list instead, SQLite without statistics walked the status
 * index for the ORDER BY and tested every entry against the list, however large the table.
 */
function rowsOf(db: Kysely<DB>, scope: CustomerScope, ids: SelectQueryBuilder<DB, never, { id: number }> | SelectQueryBuilder<DB, 'customers', { id: number }>) {
  return db
    .selectFrom((ids as SelectQueryBuilder<DB, 'customers', { id: number }>).as('page'))
    .crossJoin('customers')
    .whereRef('customers.id', '=', 'page.id')
    .innerJoin('customer_statuses', 'customer_statuses.id', 'customers.status_id')
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .where((eb) => scope.where(eb as unknown as ExpressionBuilder<DB, 'customers'>))
    .select(shownRefs)
    .select(['customer_statuses.name as status_name', 'users.display_name as owner_name']) as unknown as SelectQueryBuilder<DB, 'customers', CustomerWithNames>;
}

/**
 * How a query over `scope` meets the search terms: f.walk, as the service chose it, except in
 * the admin's count. That count is capped at 1,001 matches, which a walk over the whole list
 * can take long to meet, so it starts from the postings.
 * On PostgreSQL, "driven by the postings" (`id = ANY(ARRAY(…))`) compares every row with every
 * posting, so a salesperson's rows (and the admin's count) meet them in a semi-join instead.
 */
function walkOf(db: Kysely<DB>, scope: CustomerScope, f: CustomerFilter, query: 'list' | 'count'): Walk | undefined {
  const owned = scope.visibility === 'owned';
  if (f.walk && (owned || query === 'list')) return f.walk;
  return isPostgres(db) && (owned || query === 'count') ? 'postings' : undefined;
}

/**
 * Counts matching rows up to `cap` + 1 (more than `cap` means "over the cap"). A salesperson's
 * scope is counted branch by branch (owned, granted — disjoint, so the sum is exact), each walking
 * its own index (see walkOf). The two are counted side by side (on PostgreSQL on two
 * connections), each up to the cap: the capped sum is the same as counting the granted branch
 * only up to what the owned one left.
 */
export async function countCustomers(db: Kysely<DB>, scope: CustomerScope, f: CustomerFilter, cap: number): Promise<number> {
  if (scope.branches) {
    const [owned, granted] = scope.branches;
    const [n, m] = await Promise.all([countCustomers(db, owned, f, cap), countCustomers(db, granted, f, cap)]);
    return Math.min(n + m, cap + 1);
  }
  const inner = filtered(db, scope, f, walkOf(db, scope, f, 'count')).clearSelect().select('customers.id').limit(cap + 1);
  const row = await db
    .selectFrom(inner.as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findCustomer(scope: CustomerScope, id: number): Promise<CustomerWithNames | undefined> {
  return (await withNames(scope).where('customers.id', '=', id).executeTakeFirst()) as CustomerWithNames | undefined;
}

/** A customer status's name, or undefined when there is no such status. */
export function findStatusName(db: Kysely<DB>, statusId: number) {
  return db.selectFrom('customer_statuses').select('name').where('id', '=', statusId).executeTakeFirst();
}

export type NewCustomerRow = Omit<CustomerRow, 'id' | 'version' | 'deleted_at' | 'deleted_by' | 'next_follow_up_on'>;

/** Inserts a new customer; the row as stored, with its new id. */
export async function insertCustomer(db: Kysely<DB>, row: NewCustomerRow): Promise<CustomerRow> {
  const values = { ...row, version: 1, deleted_at: null, deleted_by: null, next_follow_up_on: null };
  const inserted = await db.insertInto('customers').values(values).returning('id').executeTakeFirstOrThrow();
  return { ...values, id: Number(inserted.id) };
}

/** Updates a customer the policy found visible if its version still matches; false when stale. */
export async function updateCustomer(
  db: Kysely<DB>,
  customer: VisibleCustomer,
  version: number,
  changes: Partial<Omit<CustomerRow, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('customers')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', customer.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- counters -----------------------------------------------------------------------------

export async function adjustCount(db: Kysely<DB>, ownerId: number, statusId: number, delta: number) {
  if (delta === 0) return;
  await db
    .insertInto('customer_counts')
    .values({ owner_id: ownerId, status_id: statusId, n: delta })
    .onConflict((oc) => oc.columns(['owner_id', 'status_id']).doUpdateSet((eb) => ({ n: eb('customer_counts.n', '+', delta) })))
    .execute();
}

/**
 * Moves locked customers' counts from one owner to another, status by status. Adjusted by
 * deltas like every other write: a recount would overwrite a concurrent create's increment.
 */
export async function moveCounts(db: Kysely<DB>, rows: readonly { status_id: number }[], fromOwner: number, toOwner: number) {
  await adjustCounts(db, rows.flatMap((r) => [
    { ownerId: fromOwner, statusId: Number(r.status_id), delta: -1 },
    { ownerId: toOwner, statusId: Number(r.status_id), delta: 1 },
  ]));
}

/**
 * Several counter changes, merged and applied in (owner, status) order: two transactions that
 * both move counts between the same owners lock the counter rows in the same order.
 */
export async function adjustCounts(db: Kysely<DB>, changes: readonly { ownerId: number; statusId: number; delta: number }[]) {
  const merged = new Map<string, { ownerId: number; statusId: number; delta: number }>();
  for (const c of changes) {
    const key = `${c.ownerId}/${c.statusId}`;
    const m = merged.get(key);
    if (m) m.delta += c.delta;
    else merged.set(key, { ...c });
  }
  const ordered = [...merged.values()].sort((a, b) => a.ownerId - b.ownerId || a.statusId - b.statusId);
  for (const c of ordered) await adjustCount(db, c.ownerId, c.statusId, c.delta);
}

/** Live customers per status from the counters: all owners, or one. */
export async function countsByStatus(db: Kysely<DB>, ownerId?: number) {
  let q = db.selectFrom('customer_counts').select(['status_id', (eb) => eb.fn.sum<number>('n').as('n')]);
  if (ownerId !== undefined) q = q.where('owner_id', '=', ownerId);
  const rows = await q.groupBy('status_id').execute();
  return new Map(rows.map((r) => [Number(r.status_id), Number(r.n)]));
}

export async function countFromCounters(db: Kysely<DB>, ownerId?: number, statusId?: number): Promise<number> {
  let q = db.selectFrom('customer_counts').select((eb) => eb.fn.sum<number>('n').as('n'));
  if (ownerId !== undefined) q = q.where('owner_id', '=', ownerId);
  if (statusId !== undefined) q = q.where('status_id', '=', statusId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

// --- recycle bin --------------------------------------------------------------------------

export async function listDeleted(db: Kysely<DB>, limit: number, offset: number) {
  return db
    .selectFrom('customers')
    .innerJoin('customer_statuses', 'customer_statuses.id', 'customers.status_id')
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .selectAll('customers')
    .select(['customer_statuses.name as status_name', 'users.display_name as owner_name'])
    .where('customers.deleted_at', 'is not', null)
    .orderBy('customers.deleted_at', 'desc')
    .orderBy('customers.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute() as Promise<CustomerWithNames[]>;
}

export async function countDeleted(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function deletedCustomer(db: Kysely<DB>, id: number) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).where('deleted_at', 'is not', null);
}

/** A customer in the recycle bin, or undefined. */
export async function findDeleted(db: Kysely<DB>, id: number) {
  return deletedCustomer(db, id).executeTakeFirst();
}

/** A customer in the recycle bin, locked like lockVisible locks a live one. */
export async function findDeletedForUpdate(db: Kysely<DB>, id: number) {
  return forNoKeyUpdate(db, deletedCustomer(db, id)).executeTakeFirst();
}

export async function setDeleted(db: Kysely<DB>, id: number, deletedAt: string | null, deletedBy: number | null, at: string) {
  await db
    .updateTable('customers')
    .set((eb) => ({ deleted_at: deletedAt, deleted_by: deletedBy, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

// --- transfer -----------------------------------------------------------------------------

/**
 * Live customers of one owner (all, or those among onlyIds), locked in id order so that two
 * bulk writers cannot deadlock: a row another transaction moved or deleted meanwhile is read
 * again after it commits and drops out if it no longer belongs to the owner.
 */
export async function lockOwnedCustomers(db: Kysely<DB>, ownerId: number, onlyIds?: number[]) {
  let q = db.selectFrom('customers').select(['id', 'status_id']).where('owner_id', '=', ownerId).where('deleted_at', 'is', null);
  if (onlyIds) q = q.where('id', 'in', onlyIds);
  return forNoKeyUpdate(db, q.orderBy('id')).execute();
}

export async function setOwner(db: Kysely<DB>, ids: number[], ownerId: number, at: string) {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('customers')
      .set((eb) => ({ owner_id: ownerId, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}


// --- counts through the scope -------------------------------------------------------------

/**
 * Live visible customers per status, from the counters (never a scan of customers).
 * The scope's visibility decides which counters apply.
 */
export async function visibleCountsByStatus(db: Kysely<DB>, scope: CustomerScope): Promise<Map<number, number>> {
  switch (scope.visibility) {
    case 'all':
      return countsByStatus(db);
    case 'owned': {
      const counts = await countsByStatus(db, scope.actor.id);
      for (const row of await delegatedToActor(db, scope)
        .select(['customers.status_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('customers.status_id')
        .execute()) {
        counts.set(Number(row.status_id), (counts.get(Number(row.status_id)) ?? 0) + Number(row.n));
      }
      return counts;
    }
    case 'none':
      return new Map();
  }
}

/** Live customers of other owners actively granted to the scope's actor. */
function delegatedToActor(db: Kysely<DB>, scope: CustomerScope) {
  return db
    .selectFrom('customers')
    .where('customers.deleted_at', 'is', null)
    .where('customers.owner_id', '!=', scope.actor.id)
    .where('customers.id', 'in', activeGrantsTo(db, scope.actor.id, scope.today));
}

/** The exact total of a list without a search term, from the counters; null when they cannot tell. */
export async function visibleTotal(db: Kysely<DB>, scope: CustomerScope, f: CustomerFilter): Promise<number | null> {
  if (f.term) return null;
  switch (scope.visibility) {
    case 'all':
      return countFromCounters(db, f.ownerId, f.statusId);
    case 'owned': {
      const own = f.ownerId === undefined || f.ownerId === scope.actor.id ? await countFromCounters(db, scope.actor.id, f.statusId) : 0;
      let delegated = delegatedToActor(db, scope).select((eb) => eb.fn.countAll<number>().as('n'));
      if (f.statusId !== undefined) delegated = delegated.where('customers.status_id', '=', f.statusId);
      if (f.ownerId !== undefined) delegated = delegated.where('customers.owner_id', '=', f.ownerId);
      return own + Number((await delegated.executeTakeFirstOrThrow()).n);
    }
    case 'none':
      return 0;
  }
}

export async function setNextFollowUp(db: Kysely<DB>, customerId: number, on: string | null) {
  await db.updateTable('customers').set({ next_follow_up_on: on }).where('id', '=', customerId).execute();
}

/** The next follow-up date of the customer's most recent follow-up (null when none is planned). */
export async function latestNextFollowUp(db: Kysely<DB>, customerId: number): Promise<string | null> {
  const row = await db
    .selectFrom('followups')
    .select('next_follow_up_on')
    .where('customer_id', '=', customerId)
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.next_follow_up_on ?? null;
}

/** A change to a child record makes the customer "recently updated" (not a new version). */
export async function touchUpdatedAt(db: Kysely<DB>, customerId: number, at: string) {
  await db.updateTable('customers').set({ updated_at: at }).where('id', '=', customerId).execute();
}

/** Active grants of the given customers, with the delegates' names (one query for a page). */
export async function activeGrantsOf(db: Kysely<DB>, customerIds: number[], today: string) {
  if (customerIds.length === 0) return new Map<number, Grant[]>();
  const rows = await db
    .selectFrom('delegations')
    .innerJoin('users', 'users.id', 'delegations.to_user_id')
    .select(['delegations.id', 'delegations.customer_id', 'delegations.to_user_id', 'delegations.ends_on', 'users.display_name'])
    .where('delegations.customer_id', 'in', customerIds)
    .where((eb) => isActiveGrant(eb, today))
    .orderBy('delegations.id')
    .execute();
  const out = new Map<number, Grant[]>();
  for (const r of rows) {
    const list = out.get(r.customer_id) ?? [];
    list.push({ delegationId: String(r.id), userId: String(r.to_user_id), displayName: r.display_name, endsOn: r.ends_on });
    out.set(r.customer_id, list);
  }
  return out;
}
