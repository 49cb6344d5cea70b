import type { Kysely } from 'kysely';
import { checkIn, dialectOf, withIdColumn } from '../dialect.js';

// Money columns are integer fen (bigint on PostgreSQL); quantities are integer thousandths.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  const money = dialect === 'postgres' ? 'bigint' : 'integer';

  await withIdColumn(db.schema.createTable('suppliers'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bank_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bank_account', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tax_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(db.schema.createTable('products'), dialect)
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('code_norm', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price_fen', money, (c) => c.notNull())
    .addColumn('annual_fee_fen', money, (c) => c.notNull().defaultTo(0))
    .addColumn('supplier_id', ref, (c) => c.references('suppliers.id'))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_supplier').on('products').column('supplier_id').execute();

  await withIdColumn(db.schema.createTable('quotes'), dialect)
    .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id'))
    .addColumn('quoted_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(checkIn('status', ['draft', 'sent', 'accepted', 'rejected', 'expired'])))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('author_id', ref)
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('purchased_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quotes_customer').on('quotes').columns(['customer_id', 'quoted_on', 'id']).execute();

  await withIdColumn(db.schema.createTable('quote_lines'), dialect)
    .addColumn('quote_id', ref, (c) => c.notNull().references('quotes.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', ref, (c) => c.notNull().references('products.id'))
    .addColumn('quantity_milli', money, (c) => c.notNull())
    .addColumn('unit_price_fen', money, (c) => c.notNull())
    .addColumn('discount_fen', money, (c) => c.notNull().defaultTo(0))
    .addColumn('amount_fen', money, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quote_lines_quote').on('quote_lines').columns(['quote_id', 'position']).execute();
  await db.schema.createIndex('quote_lines_product').on('quote_lines').column('product_id').execute();

  await withIdColumn(db.schema.createTable('purchases'), dialect)
    .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id'))
    .addColumn('product_id', ref, (c) => c.notNull().references('products.id'))
    .addColumn('quote_id', ref, (c) => c.references('quotes.id'))
    .addColumn('quantity_milli', money, (c) => c.notNull())
    .addColumn('unit_price_fen', money, (c) => c.notNull())
    .addColumn('discount_fen', money, (c) => c.notNull().defaultTo(0))
    .addColumn('amount_fen', money, (c) => c.notNull())
    // Sum of the purchase's payments, kept in the same transaction as each payment so that
    // arrears never need to add up payments.
    .addColumn('paid_fen', money, (c) => c.notNull().defaultTo(0))
    .addColumn('purchased_on', 'text', (c) => c.notNull())
    .addColumn('annual_fee_fen', money, (c) => c.notNull().defaultTo(0))
    .addColumn('annual_fee_due_on', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('purchases_customer').on('purchases').columns(['customer_id', 'purchased_on', 'id']).execute();
  await db.schema.createIndex('purchases_product').on('purchases').column('product_id').execute();
  await db.schema.createIndex('purchases_fee_due').on('purchases').columns(['annual_fee_due_on', 'customer_id']).execute();

  await withIdColumn(db.schema.createTable('payments'), dialect)
    .addColumn('purchase_id', ref, (c) => c.notNull().references('purchases.id'))
    .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id'))
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_purchase').on('payments').columns(['purchase_id', 'paid_on', 'id']).execute();

  await withIdColumn(db.schema.createTable('annual_fee_payments'), dialect)
    .addColumn('purchase_id', ref, (c) => c.notNull().references('purchases.id'))
    .addColumn('customer_id', ref, (c) => c.notNull().references('customers.id'))
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('covered_due_on', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annual_fee_payments_purchase').on('annual_fee_payments').columns(['purchase_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['annual_fee_payments', 'payments', 'purchases', 'quote_lines', 'quotes', 'products', 'suppliers']) {
    await db.schema.dropTable(t).execute();
  }
}
