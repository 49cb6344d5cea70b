import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, QuoteLinesTable, QuotesTable } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';

export type QuoteRow = Selectable<QuotesTable>;

function quotesOf(scope: CustomerScope, customerId: number) {
  return scope.db.selectFrom('quotes').where('quotes.customer_id', '=', customerId).where('quotes.customer_id', 'in', scope.customerIds(customerId));
}

export async function listQuotes(scope: CustomerScope, customerId: number, limit: number, offset: number) {
  return quotesOf(scope, customerId).selectAll().orderBy('quoted_on', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countQuotes(scope: CustomerScope, customerId: number) {
  return Number((await quotesOf(scope, customerId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

export async function findQuote(scope: CustomerScope, customerId: number, id: number) {
  return quotesOf(scope, customerId).selectAll().where('quotes.id', '=', id).executeTakeFirst();
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

export async function insertQuote(db: Kysely<DB>, row: Insertable<QuotesTable>) {
  return Number((await db.insertInto('quotes').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function replaceLines(db: Kysely<DB>, quoteId: number, lines: Omit<Insertable<QuoteLinesTable>, 'quote_id'>[]) {
  await db.deleteFrom('quote_lines').where('quote_id', '=', quoteId).execute();
  await db.insertInto('quote_lines').values(lines.map((l) => ({ ...l, quote_id: quoteId }))).execute();
}

export async function updateQuote(db: Kysely<DB>, id: number, version: number, changes: Updateable<QuotesTable>) {
  const r = await db.updateTable('quotes').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteQuote(db: Kysely<DB>, id: number) {
  await db.deleteFrom('quote_lines').where('quote_id', '=', id).execute();
  await db.deleteFrom('quotes').where('id', '=', id).execute();
}
