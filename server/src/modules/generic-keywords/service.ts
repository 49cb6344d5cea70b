import type { Kysely } from 'kysely';
import { charCount, duplicateText } from '../../../../common/duplicates/text.js';
import { isDivisionName } from '../../../../common/duplicates/divisions.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { can, type Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import * as repo from './repo.js';

// Words too common to be a customer's keyword (公司, 科技, …). Built in, and the admin can add
// more or remove them. Names of China's administrative divisions are always generic.

export const MIN_KEYWORD_LENGTH = 2;

/** Whether a normalised (duplicateText) word is generic: listed, or a division's name. */
export async function isGenericKeyword(db: Kysely<DB>, norm: string): Promise<boolean> {
  return isDivisionName(norm) || (await repo.isGeneric(db, norm));
}

/** Refuses a keyword too short or too generic to tell customers apart (422 on `keyword`). */
export async function assertUsableKeyword(db: Kysely<DB>, keyword: string) {
  const norm = duplicateText(keyword);
  if (charCount(norm) < MIN_KEYWORD_LENGTH) {
    throw fieldError('keyword', { zh: '关键字至少需要 2 个字符', en: 'the keyword needs at least 2 characters' });
  }
  if (await isGenericKeyword(db, norm)) {
    throw fieldError('keyword', {
      zh: `“${keyword}”过于通用，不能作为关键字，请填写客户名称中有区分度的部分`,
      en: `"${keyword}" is too generic to be a keyword; use the distinctive part of the name`,
    });
  }
}

function assertAdmin(actor: Actor) {
  if (!can(actor, 'customers.admin')) throw new AppError('forbidden');
}

export async function listGenericKeywords(ctx: AppContext) {
  const rows = await repo.listGeneric(ctx.database.db);
  return rows.map((r) => ({ word: r.word, builtIn: r.built_in === 1 }));
}

export async function addGenericKeyword(ctx: AppContext, actor: Actor, word: string) {
  assertAdmin(actor);
  const norm = duplicateText(word);
  if (!norm) throw fieldError('word', { zh: '必填', en: 'is required' });
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await repo.addGeneric(trx, norm))) throw new AppError('already_exists');
    await recordAudit(trx, ctx, actor, { entity: 'generic_keyword', entityId: norm, action: 'created' });
  });
  return { word: norm, builtIn: false };
}

export async function removeGenericKeyword(ctx: AppContext, actor: Actor, word: string) {
  assertAdmin(actor);
  const norm = duplicateText(word);
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await repo.removeGeneric(trx, norm))) throw new AppError('not_found');
    await recordAudit(trx, ctx, actor, { entity: 'generic_keyword', entityId: norm, action: 'deleted' });
  });
}
