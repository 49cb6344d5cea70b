import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, DB } from '../../db/schema.js';

export type TokenRow = Selectable<ApiTokensTable>;

export async function insertToken(db: Kysely<DB>, row: Insertable<ApiTokensTable>) {
  return Number((await db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function listTokens(db: Kysely<DB>, userId: number) {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

export async function findToken(db: Kysely<DB>, userId: number, id: number) {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function findByHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id', 'api_tokens.user_id', 'api_tokens.expires_on', 'api_tokens.revoked_at', 'api_tokens.last_used_at',
      'users.username', 'users.display_name', 'users.role', 'users.active',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function revoke(db: Kysely<DB>, id: number, at: string) {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function touch(db: Kysely<DB>, id: number, at: string) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
