import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// A grant keeps the customer's name as its lists show it (decision 0013): kept equal to the
// customer's while the grant is active, frozen once it ends, so that a former owner or delegate
// does not see later names. Grants that have already ended get today's name, the best there is.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('delegations')
    .addColumn('customer_name_snapshot', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update delegations set customer_name_snapshot = (select name from customers where customers.id = delegations.customer_id)`.execute(db);
  // Every writer names it; SQLite cannot drop a column default, so there it stays unused.
  if ((await dialectOf(db)) === 'postgres') {
    await sql`alter table delegations alter column customer_name_snapshot drop default`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('delegations').dropColumn('customer_name_snapshot').execute();
}
