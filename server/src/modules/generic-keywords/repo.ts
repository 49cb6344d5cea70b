import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function isGeneric(db: Kysely<DB>, wordNorm: string): Promise<boolean> {
  const row = await db.selectFrom('generic_keywords').select('word').where('word', '=', wordNorm).executeTakeFirst();
  return row !== undefined;
}

export async function listGeneric(db: Kysely<DB>) {
  return db.selectFrom('generic_keywords').selectAll().orderBy('built_in', 'desc').orderBy('word').execute();
}

export async function addGeneric(db: Kysely<DB>, wordNorm: string): Promise<boolean> {
  if (await isGeneric(db, wordNorm)) return false;
  await db.insertInto('generic_keywords').values({ word: wordNorm, built_in: 0 }).execute();
  return true;
}

export async function removeGeneric(db: Kysely<DB>, wordNorm: string): Promise<boolean> {
  const result = await db.deleteFrom('generic_keywords').where('word', '=', wordNorm).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
