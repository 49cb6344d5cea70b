import type { Kysely } from 'kysely';
import { charCount, duplicateText } from '../../../../common/duplicates/text.js';
import { MIN_KEYWORD_CHARS, MIN_NAME_CHARS } from '../../../../common/duplicates/keys.js';
import { today, type AppContext } from '../../context.js';
import { lockForDuplicateCheck } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { can, type Actor } from '../../policy/actor.js';
import { scopeFor } from '../../policy/scope.js';
import { isGenericKeyword } from '../generic-keywords/service.js';
import { requireDuplicateBudget } from './budget.js';
import { findDuplicates } from './find.js';

// The duplicate warning: the live check while a customer is typed in, and the guard of a create
// or an edit. Both spend the caller's duplicate budget (budget.ts) before naming anyone.

/** A probe part that is too short or too generic is refused: never a list of common words' customers. */
async function usablePart(db: Kysely<DB>, field: 'name' | 'keyword', value: string | undefined): Promise<string | undefined> {
  if (value === undefined || value === '') return undefined;
  const norm = duplicateText(value);
  const min = field === 'name' ? MIN_NAME_CHARS : MIN_KEYWORD_CHARS;
  if (charCount(norm) < min) {
    throw fieldError(field, { zh: `至少需要 ${min} 个字符才能查重`, en: `needs at least ${min} characters to look for duplicates` });
  }
  if (await isGenericKeyword(db, norm)) throw new AppError('generic_keyword', { field });
  return value;
}

/** GET /api/customers/duplicates: 422 for a generic or short probe, 429 once the budget is spent. */
export async function checkDuplicates(
  ctx: AppContext,
  actor: Actor,
  query: { name?: string | undefined; keyword?: string | undefined; excludeId?: string | undefined },
) {
  if (!can(actor, 'customers.use')) throw new AppError('forbidden');
  const { db } = ctx.database;
  const name = await usablePart(db, 'name', query.name);
  const keyword = await usablePart(db, 'keyword', query.keyword);
  if (name === undefined && keyword === undefined) {
    throw fieldError('name', { zh: '请提供客户名称或关键字', en: 'give a name or a keyword' });
  }
  await requireDuplicateBudget(ctx, actor);
  const excludeId = query.excludeId ? await visibleId(ctx, actor, Number(query.excludeId)) : undefined;
  return findDuplicates(db, { name, keyword, excludeId }, today(ctx));
}

/** An id the caller can see, or undefined: excluding someone else's customer would reveal its id. */
async function visibleId(ctx: AppContext, actor: Actor, id: number): Promise<number | undefined> {
  const scope = scopeFor(ctx, actor);
  const row = await scope.customerIds(id).executeTakeFirst();
  return row ? id : undefined;
}

/**
 * Inside a create's or an edit's transaction: 409 duplicate_keyword with the matches when
 * look-alikes exist and the user has not confirmed. Serialised by the duplicate-check lock, so
 * two people creating the same customer at once do not both miss each other.
 */
export async function guardDuplicates(
  ctx: AppContext,
  trx: Kysely<DB>,
  input: { name: string; keyword: string; confirmDuplicate?: boolean | undefined; excludeId?: number },
) {
  await lockForDuplicateCheck(trx);
  if (input.confirmDuplicate) return;
  const matches = await findDuplicates(trx, input, today(ctx));
  if (matches.length > 0) throw new AppError('duplicate_keyword', { matches });
}

/**
 * Runs a create or an edit; a 409 duplicate_keyword it ends in spends the caller's budget once
 * its transaction is over (the spending must outlive the rollback), or becomes 429 when spent.
 */
export async function withDuplicateBudget<T>(ctx: AppContext, actor: Actor, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'duplicate_keyword') await requireDuplicateBudget(ctx, actor);
    throw error;
  }
}
