import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, QuoteLinesTable, QuotesTable } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';

export type QuoteRow = Selectable<QuotesTable>;

function quotesOf(db: Kysely<DB>, scope: CustomerScope, customerId: number) {
  return db.selectFrom('quotes').where('quotes.customer_id', '=', customerId).where('quotes.customer_id', 'in', scope.customerIds(customerId));
}

export async function listQuotes(db: Kysely<DB>, scope: CustomerScope, customerId: number, limit: number, offset: number) {
  return quotesOf(db, scope, customerId).selectAll().orderBy('quoted_on', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countQuotes(db: Kysely<DB>, scope: CustomerScope, customerId: number) {
  return Number((await quotesOf(db, scope, customerId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

export async function findQuote(db: Kysely<DB>, scope: CustomerScope, customerId: number, id: number) {
  return quotesOf(db, scope, customerId).selectAll().where('quotes.id', '=', id).executeTakeFirst();
}

export async function linesOf(db: Kysely<DB>, quoteIds: number[]) {
  if (quoteIds.length === 0) return [];
  return db
    .selectFrom('quote_lines')
    .innerJoin('products', 'products.id', 'quote_lines.product_id')
    .selectAll('quote_lines')
    .select(['products.code as product_code', 'products.name as product_name', 'products.unit', 'products.annual_fee_fen'])
    .where('quote_lines.quote_id', 'in', quoteIds)
    .orderBy('quote_lines.quote_id')
    .orderBy('quote_lines.position')
    .execute();
}
export type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

export async function insertQuote(db: Kysely<DB>, customer: VisibleCustomer, row: Omit<Insertable<QuotesTable>, 'customer_id'>) {
  return Number((await db.insertInto('quotes').values({ ...row, customer_id: customer.id }).returning('id').executeTakeFirstOrThrow()).id);
}

/** Lines carry no customer column to guard on: `customer` is the proof the quote's customer was checked. */
export async function replaceLines(db: Kysely<DB>, customer: VisibleCustomer, quoteId: number, lines: Omit<Insertable<QuoteLinesTable>, 'quote_id'>[]) {
  await db.deleteFrom('quote_lines').where('quote_id', '=', quoteId).execute();
  await db.insertInto('quote_lines').values(lines.map((l) => ({ ...l, quote_id: quoteId }))).execute();
}

export async function updateQuote(db: Kysely<DB>, customer: VisibleCustomer, id: number, version: number, changes: Updateable<QuotesTable>) {
  const r = await db
    .updateTable('quotes')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('customer_id', '=', customer.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteQuote(db: Kysely<DB>, customer: VisibleCustomer, id: number) {
  await db.deleteFrom('quote_lines').where('quote_id', '=', id).execute();
  await db.deleteFrom('quotes').where('id', '=', id).where('customer_id', '=', customer.id).execute();
}
