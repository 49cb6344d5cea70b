import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// Arrears at a million customers: adding up every owing purchase and looking up its customer
// on each request took seconds. customer_arrears holds, per live customer that owes money, what
// the report lists (sums over its owing purchases) and its owner, kept by the purchase,
// payment, delete/restore and transfer writes in their own transactions (reports/arrears-ledger.ts).
// The report then reads one row per owing customer, in owed order from an index. Ageing needs
// the dates of purchases: only the last 90 days are bucketed by day, read from the second index
// here; everything older is "over 90", i.e. what is owed minus those buckets.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('customer_arrears')
    .addColumn('customer_id', ref, (c) => c.primaryKey().references('customers.id'))
    .addColumn('owner_id', ref, (c) => c.notNull())
    .addColumn('total_fen', money, (c) => c.notNull())
    .addColumn('paid_fen', money, (c) => c.notNull())
    .addColumn('owed_fen', money, (c) => c.notNull())
    .addColumn('oldest_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_arrears_owed').on('customer_arrears').columns(['owed_fen desc', 'customer_id']).execute();
  await db.schema
    .createIndex('customer_arrears_owner')
    .on('customer_arrears')
    .columns(['owner_id', 'owed_fen desc', 'customer_id', 'total_fen', 'paid_fen'])
    .execute();
  await db.schema
    .createIndex('purchases_owing_by_date')
    .on('purchases')
    .columns(['purchased_on', 'customer_id', 'amount_fen', 'paid_fen'])
    .where(sql.ref('amount_fen'), '>', sql.ref('paid_fen'))
    .execute();
  await sql`
    insert into customer_arrears (customer_id, owner_id, total_fen, paid_fen, owed_fen, oldest_on)
    select p.customer_id, c.owner_id, sum(p.amount_fen), sum(p.paid_fen), sum(p.amount_fen - p.paid_fen), min(p.purchased_on)
    from purchases p join customers c on c.id = p.customer_id
    where p.amount_fen > p.paid_fen and c.deleted_at is null
    group by p.customer_id, c.owner_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('purchases_owing_by_date').execute();
  await db.schema.dropTable('customer_arrears').execute();
}
