import type { Kysely } from 'kysely';
import { normalizeText } from '../../../../common/normalize.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { can, type Actor } from '../../policy/actor.js';
import { recordAudit } from '../audit/service.js';
import * as repo from './repo.js';

// Words too common to be a customer's keyword (公司, 科技, city names, …). Built in, and the
// admin can add more or remove them.

export const MIN_KEYWORD_LENGTH = 2;

/** Refuses a keyword too short or too generic to tell customers apart (422 on `keyword`). */
export async function assertUsableKeyword(db: Kysely<DB>, keyword: string) {
  const norm = normalizeText(keyword);
  if ([...norm].length < MIN_KEYWORD_LENGTH) {
    throw fieldError('keyword', { zh: '关键字至少需要 2 个字符', en: 'the keyword needs at least 2 characters' });
  }
  if (await repo.isGeneric(db, norm)) {
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
  const norm = normalizeText(word);
  if (!norm) throw fieldError('word', { zh: '必填', en: 'is required' });
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await repo.addGeneric(trx, norm))) throw new AppError('already_exists');
    await recordAudit(trx, ctx, actor, { entity: 'generic_keyword', entityId: norm, action: 'created' });
  });
  return { word: norm, builtIn: false };
}

export async function removeGenericKeyword(ctx: AppContext, actor: Actor, word: string) {
  assertAdmin(actor);
  const norm = normalizeText(word);
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await repo.removeGeneric(trx, norm))) throw new AppError('not_found');
    await recordAudit(trx, ctx, actor, { entity: 'generic_keyword', entityId: norm, action: 'deleted' });
  });
}
