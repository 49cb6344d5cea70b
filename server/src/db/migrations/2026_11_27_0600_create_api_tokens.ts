import type { Kysely } from 'kysely';
import { dialectOf, withIdColumn } from '../dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  // Personal API tokens: created by a user for themself, shown once, stored hashed.
  await withIdColumn(db.schema.createTable('api_tokens'), dialect)
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    /** The first characters, so a user can tell tokens apart. */
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute();
}
