import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

// customer_arrears: one row per live customer that owes money, with the sums the arrears report
// lists and the customer's owner. The customer writer (writer.ts) calls `syncArrears` for the
// customers a write touched — a purchase or payment written, a customer deleted, restored or
// given to another owner — inside that write's transaction. The row is recomputed from the
// purchases rather than adjusted by a delta, so a sync can never drift; the consistency check
// of the tests (server/test/consistency.ts) compares the table with a recomputation.

const CHUNK = 500;

/**
 * Recomputes the arrears rows of these customers: an upsert of those that owe, then a delete of
 * those that no longer do. Never a delete and re-insert of the same key, which two transactions
 * syncing one customer at once would both try to insert.
 */
export async function syncArrears(db: Kysely<DB>, customerIds: readonly number[]): Promise<void> {
  const ids = [...new Set(customerIds)].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const owing = db
      .selectFrom('purchases')
      .innerJoin('customers', 'customers.id', 'purchases.customer_id')
      .where('purchases.customer_id', 'in', chunk)
      .whereRef('purchases.amount_fen', '>', 'purchases.paid_fen')
      .where('customers.deleted_at', 'is', null);
    await db
      .insertInto('customer_arrears')
      .columns(['customer_id', 'owner_id', 'total_fen', 'paid_fen', 'owed_fen', 'oldest_on'])
      .expression(
        owing
          .groupBy(['purchases.customer_id', 'customers.owner_id'])
          .select((eb) => [
            'purchases.customer_id',
            'customers.owner_id',
            eb.fn.sum<number>('purchases.amount_fen').as('total_fen'),
            eb.fn.sum<number>('purchases.paid_fen').as('paid_fen'),
            eb.fn.sum<number>(eb('purchases.amount_fen', '-', eb.ref('purchases.paid_fen'))).as('owed_fen'),
            eb.fn.min<string>('purchases.purchased_on').as('oldest_on'),
          ]),
      )
      .onConflict((oc) =>
        oc.column('customer_id').doUpdateSet((eb) => ({
          owner_id: eb.ref('excluded.owner_id'),
          total_fen: eb.ref('excluded.total_fen'),
          paid_fen: eb.ref('excluded.paid_fen'),
          owed_fen: eb.ref('excluded.owed_fen'),
          oldest_on: eb.ref('excluded.oldest_on'),
        })),
      )
      .execute();
    await db
      .deleteFrom('customer_arrears')
      .where('customer_id', 'in', chunk)
      .where('customer_id', 'not in', owing.select('purchases.customer_id'))
      .execute();
  }
}

/** The same for the customer of a purchase. */
export async function syncArrearsOfPurchase(db: Kysely<DB>, purchaseId: number): Promise<void> {
  const row = await db.selectFrom('purchases').select('customer_id').where('id', '=', purchaseId).executeTakeFirst();
  if (row) await syncArrears(db, [Number(row.customer_id)]);
}

/** Rebuilds the whole table (after a restore from an older backup, or by the bench generator). */
export async function rebuildArrears(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('customer_arrears').execute();
  await sql`
    insert into customer_arrears (customer_id, owner_id, total_fen, paid_fen, owed_fen, oldest_on)
    select p.customer_id, c.owner_id, sum(p.amount_fen), sum(p.paid_fen), sum(p.amount_fen - p.paid_fen), min(p.purchased_on)
    from purchases p join customers c on c.id = p.customer_id
    where p.amount_fen > p.paid_fen and c.deleted_at is null
    group by p.customer_id, c.owner_id`.execute(db);
}
