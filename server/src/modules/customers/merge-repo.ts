import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isActiveGrant, type CustomerScope } from '../../policy/scope.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';

// The merge's SQL (writer.mergeCustomer runs it): the records of one customer move to another.
// Moved records keep their versions and their log entries, which stay on the merged customer
// and reach the other's timeline through merged_into_id (activities/repo.ts).

const CHUNK = 500;

/** Tables whose rows hang off the customer directly (indexed by customer_id). */
const byCustomer = ['contacts', 'followups', 'quotes', 'service_requests'] as const;
/** Tables whose rows hang off a purchase (indexed by purchase_id only). */
const byPurchase = ['payments', 'annual_fee_payments', 'fee_reminders'] as const;

/**
 * Moves every record of `from` to `to`: contacts (the target's primary contact stays the only
 * one), follow-ups, quotes (their lines follow), purchases with their payments, annual-fee
 * payments and fee reminders, and service requests. Grants and the log stay with `from`.
 */
export async function moveRecords(db: Kysely<DB>, from: VisibleCustomer, to: VisibleCustomer): Promise<void> {
  const hasPrimary = await db.selectFrom('contacts').select('id').where('customer_id', '=', to.id).where('is_primary', '=', 1).limit(1).executeTakeFirst();
  if (hasPrimary) {
    await db
      .updateTable('contacts')
      .set((eb) => ({ is_primary: 0, version: eb('version', '+', 1) }))
      .where('customer_id', '=', from.id)
      .where('is_primary', '=', 1)
      .execute();
  }
  const purchases = (await db.selectFrom('purchases').select('id').where('customer_id', '=', from.id).orderBy('id').execute()).map((p) => Number(p.id));
  for (let i = 0; i < purchases.length; i += CHUNK) {
    const chunk = purchases.slice(i, i + CHUNK);
    for (const table of byPurchase) {
      await db
        .updateTable(table as 'payments')
        .set({ customer_id: to.id })
        .where('purchase_id', 'in', chunk)
        .where('customer_id', '=', from.id)
        .execute();
    }
  }
  await db.updateTable('purchases').set({ customer_id: to.id }).where('customer_id', '=', from.id).execute();
  for (const table of byCustomer) {
    await db
      .updateTable(table as 'contacts')
      .set({ customer_id: to.id })
      .where('customer_id', '=', from.id)
      .execute();
  }
}

/** Links a merged customer to the one it was folded into; the recycle bin will not restore it. */
export async function setMergedInto(db: Kysely<DB>, merged: VisibleCustomer, intoId: number): Promise<void> {
  await db.updateTable('customers').set({ merged_into_id: intoId }).where('id', '=', merged.id).execute();
}


export interface MergeMoves {
  contacts: number;
  followUps: number;
  quotes: number;
  purchases: number;
  serviceRequests: number;
  activeDelegations: number;
}

/** How many records a merge of this visible customer would move, and how many of its grants it would end. */
export async function countMoves(db: Kysely<DB>, scope: CustomerScope, customerId: number): Promise<MergeMoves> {
  const visible = scope.customerIds(customerId);
  const count = async (table: 'contacts' | 'followups' | 'quotes' | 'purchases' | 'service_requests') => {
    const row = await db
      .selectFrom(table as 'contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', customerId)
      .where('customer_id', 'in', visible)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const grants = db
    .selectFrom('delegations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('delegations.customer_id', '=', customerId)
    .where('delegations.customer_id', 'in', visible)
    .where((eb) => isActiveGrant(eb, scope.today))
    .executeTakeFirstOrThrow();
  const [contacts, followUps, quotes, purchases, serviceRequests, activeDelegations] = await Promise.all([
    count('contacts'),
    count('followups'),
    count('quotes'),
    count('purchases'),
    count('service_requests'),
    grants.then((r) => Number(r.n)),
  ]);
  return { contacts, followUps, quotes, purchases, serviceRequests, activeDelegations };
}
