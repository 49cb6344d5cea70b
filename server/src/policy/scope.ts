import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { today, type AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import { can, type Actor } from './actor.js';

// THE visibility policy (docs/decisions/0003). An actor becomes the set of customers it may see, as a query fragment;
// every repo function reading customer-owned data takes a CustomerScope, so forgetting the check
// does not compile. Writes take the VisibleCustomer that lockVisible (visible-customer.ts) makes.
// A scope hands out scoped queries only, never the database handle it was built on.
//
//   admin     — every customer
//   sales     — the customers they own, and those with an active grant (授权) to them
//   staff     — none
//   systemActor — everything; only the duplicate check and operator commands use it.
//
// Customers in the recycle bin are outside every scope except the explicit recycle-bin one.

export type Visibility = 'all' | 'owned' | 'none';

export interface CustomerScope {
  readonly actor: Actor;
  /** Today's business date, which decides whether a grant is still active. */
  readonly today: string;
  readonly visibility: Visibility;
  /** A condition on the `customers` table (as `customers`) admitting exactly the visible rows. */
  readonly where: (eb: ExpressionBuilder<DB, 'customers'>) => ReturnType<ExpressionBuilder<DB, 'customers'>['and']>;
  /** Visible live customers, as a query to select from. */
  customers(): SelectQueryBuilder<DB, 'customers', object>;
  /**
   * Ids of visible live customers, for `customer_id in (...)` on child tables. Pass the one
   * customer a request is about: the subquery then reads one row instead of listing every
   * visible customer.
   */
  customerIds(onlyId?: number): SelectQueryBuilder<DB, 'customers', { id: number }>;
  /**
   * For a salesperson who may hold grants: the same rows as two disjoint scopes — owned, and
   * granted by others — each answered by its own index. A list ordered by one column reads
   * the first rows of each and merges them, where the OR would walk the whole status index.
   */
  readonly branches?: readonly [CustomerScope, CustomerScope];
}

/**
 * A grant is active until it is ended (revoked, transferred, its holder disabled) or its
 * inclusive end date has passed in the business time zone. Decided here, by the query, on
 * every request — so a lapse needs no timer and holds across processes and restarts.
 */
export function isActiveGrant(eb: ExpressionBuilder<DB, 'delegations'>, today: string) {
  return eb.and([
    eb('delegations.ended_at', 'is', null),
    eb.or([eb('delegations.ends_on', 'is', null), eb('delegations.ends_on', '>=', today)]),
  ]);
}

/** Ids of the customers actively granted to a user. */
export function activeGrantsTo(db: Kysely<DB>, userId: number, today: string) {
  return db
    .selectFrom('delegations')
    .select('delegations.customer_id')
    .where('delegations.to_user_id', '=', userId)
    .where((eb) => isActiveGrant(eb, today));
}

function visibilityOf(actor: Actor): Visibility {
  if (can(actor, 'customers.admin')) return 'all';
  if (can(actor, 'customers.use')) return 'owned';
  return 'none';
}

export interface ScopeOptions {
  /**
   * The caller checked that the salesperson holds no active grant (`holdsActiveGrants`): the
   * scope is then `owner_id = me` alone, which the owner indexes answer directly — an OR with
   * the grants would make the database walk the status index instead.
   */
  withoutGrants?: boolean;
  /** Only the customers of other owners actively granted to the salesperson (a branch). */
  grantedOnly?: boolean;
}

/** Whether a user holds any active grant today (one index probe). */
export async function holdsActiveGrants(db: Kysely<DB>, userId: number, today: string): Promise<boolean> {
  return (await activeGrantsTo(db, userId, today).limit(1).executeTakeFirst()) !== undefined;
}

export function customerScope(db: Kysely<DB>, actor: Actor, today: string, options: ScopeOptions = {}): CustomerScope {
  const visibility = visibilityOf(actor);
  const where: CustomerScope['where'] = (eb) => {
    const live = eb('customers.deleted_at', 'is', null);
    switch (visibility) {
      case 'all':
        return eb.and([live]);
      case 'owned':
        if (options.withoutGrants) return eb.and([live, eb('customers.owner_id', '=', actor.id)]);
        if (options.grantedOnly) {
          return eb.and([live, eb('customers.owner_id', '!=', actor.id), eb('customers.id', 'in', activeGrantsTo(db, actor.id, today))]);
        }
        return eb.and([
          live,
          eb.or([eb('customers.owner_id', '=', actor.id), eb('customers.id', 'in', activeGrantsTo(db, actor.id, today))]),
        ]);
      case 'none':
        // No row: a contradiction the database answers without reading anything.
        return eb.and([live, eb('customers.id', '<', 0)]);
    }
  };
  const splittable = visibility === 'owned' && !options.withoutGrants && !options.grantedOnly;
  // The same rows as `where`, for a query about ONE customer: whether it is granted is one probe
  // of that customer's grants, where `id IN (grants)` lists all of them first (all of a
  // delegate's grants, on every child-tab query of the customer).
  const whereOne: CustomerScope['where'] = (eb) =>
    eb.and([
      eb('customers.deleted_at', 'is', null),
      eb.or([
        eb('customers.owner_id', '=', actor.id),
        eb.exists(
          eb
            .selectFrom('delegations')
            .select('delegations.id')
            .whereRef('delegations.customer_id', '=', 'customers.id')
            .where('delegations.to_user_id', '=', actor.id)
            .where((d) => isActiveGrant(d, today)),
        ),
      ]),
    ]);
  return {
    actor,
    today,
    visibility,
    where,
    ...(splittable
      ? {
          branches: [
            customerScope(db, actor, today, { withoutGrants: true }),
            customerScope(db, actor, today, { grantedOnly: true }),
          ] as const,
        }
      : {}),
    customers: () => (options.grantedOnly ? grantedCustomers(db, actor, today).where(where) : db.selectFrom('customers').where(where)),
    customerIds: (onlyId?: number) => {
      if (onlyId === undefined) return db.selectFrom('customers').select('customers.id').where(where);
      return db.selectFrom('customers').select('customers.id').where('customers.id', '=', onlyId).where(splittable ? whereOne : where);
    },
  };
}

/**
 * The customers granted to a salesperson, starting from the grants: each granted id is looked
 * up by primary key (CROSS JOIN keeps that order in SQLite). Left to itself, SQLite walked the
 * whole status index for the list order and tested every entry against the grants, slowest for
 * a salesperson with few grants.
 */
function grantedCustomers(db: Kysely<DB>, actor: Actor, today: string) {
  return db
    .selectFrom(activeGrantsTo(db, actor.id, today).distinct().as('granted_ids'))
    .crossJoin('customers')
    .whereRef('customers.id', '=', 'granted_ids.customer_id') as unknown as SelectQueryBuilder<DB, 'customers', object>;
}

/** The admin's view of the recycle bin: deleted customers only. */
export function recycleBinScope(db: Kysely<DB>, actor: Actor) {
  if (!can(actor, 'customers.admin')) return null;
  return { customers: () => db.selectFrom('customers').where('customers.deleted_at', 'is not', null) };
}

/** What a visible customer's actor may do beyond reading and editing it. */
export function customerRights(actor: Actor, customer: { owner_id: number }) {
  const isAdmin = can(actor, 'customers.admin');
  const isOwner = customer.owner_id === actor.id;
  // A delegate sees and works on the customer but may not delete it, change its owner or
  // grant it further.
  return {
    canDelete: isAdmin || isOwner,
    canChangeOwner: isAdmin,
    canDelegate: isAdmin || isOwner,
  };
}

/**
 * Service requests have one extra door: a staff member assigned to a request sees that request
 * (and, through the service desk, the customer's name and contacts) without seeing the customer.
 * Visible: requests of customers in the scope, or assigned to the actor — of live customers only.
 */
export function visibleServiceRequest(db: Kysely<DB>, scope: CustomerScope) {
  return (eb: ExpressionBuilder<DB, 'service_requests'>) =>
    eb.and([
      eb('service_requests.customer_id', 'in', db.selectFrom('customers').select('customers.id').where('customers.deleted_at', 'is', null)),
      eb.or([
        eb('service_requests.customer_id', 'in', scope.customerIds()),
        ...(scope.actor.id > 0 ? [eb('service_requests.assignee_id', '=', scope.actor.id)] : []),
      ]),
    ]);
}

/** The actor's scope for today's business date, on the database or a transaction. */
export function scopeFor(ctx: AppContext, actor: Actor, db: Kysely<DB> = ctx.database.db): CustomerScope {
  return customerScope(db, actor, today(ctx));
}
