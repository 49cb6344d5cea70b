import { sql, type Kysely } from 'kysely';

// Reports over a million customers: the arrears report reads only the purchases that still owe
// money (a minority), from a partial index that also holds every column it sums — so neither
// the purchases table nor every customer is read. The annual-fee report sums fees falling due
// from a covering index of the purchases that carry a fee.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('purchases_owing')
    .on('purchases')
    .columns(['customer_id', 'purchased_on', 'amount_fen', 'paid_fen'])
    .where(sql.ref('amount_fen'), '>', sql.ref('paid_fen'))
    .execute();
  await db.schema
    .createIndex('purchases_fee_due_covering')
    .on('purchases')
    .columns(['annual_fee_due_on', 'customer_id', 'annual_fee_fen', 'id', 'product_id'])
    .where(sql.ref('annual_fee_fen'), '>', 0)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('purchases_fee_due_covering').execute();
  await db.schema.dropIndex('purchases_owing').execute();
}
