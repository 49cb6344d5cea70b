import { normalizeText } from '../../../../../common/normalize.js';
import { today, type AppContext } from '../../../context.js';
import { systemActor, type Actor } from '../../../policy/actor.js';
import { customerScope, scopeFor } from '../../../policy/scope.js';
import { listGenericKeywords, MIN_KEYWORD_LENGTH } from '../../generic-keywords/service.js';
import type { Answers } from './check-batch.js';
import { keywordCandidates, MAX_MATCHES, type DatabaseQuestions, type DbMatch } from './duplicate-check.js';
import * as repo from '../repo.js';
import type { KeywordFilter } from './keyword-filter.js';
import type { Lookups } from './check-row.js';

// What validation needs from the database, on the main thread: the names rows are read
// against before the first batch, and for each batch the existing customers it looks like and
// which of them the importer may merge into. The rows themselves are checked by the pure
// check-row.ts and duplicate-check.ts, on the validation thread.

export async function loadLookups(ctx: AppContext, defaults: { statusId: number; ownerId: number }): Promise<Lookups> {
  const { db } = ctx.database;
  const statuses = new Map((await repo.statusesByName(db)).map((s) => [normalizeText(s.name), Number(s.id)]));
  const owners = new Map<string, { id: number; name: string }>();
  const ownerNames = new Map<number, string>();
  const candidates = await repo.ownerCandidates(db);
  for (const u of candidates) ownerNames.set(Number(u.id), u.display_name);
  // Usernames first: they are unique; a display name only where it names nobody else.
  for (const u of candidates) owners.set(normalizeText(u.username), { id: Number(u.id), name: u.display_name });
  for (const u of candidates) if (!owners.has(normalizeText(u.display_name))) owners.set(normalizeText(u.display_name), { id: Number(u.id), name: u.display_name });
  const generic = new Set((await listGenericKeywords(ctx)).map((g) => g.word));
  return {
    statuses,
    owners,
    ownerNames,
    generic,
    today: today(ctx),
    defaultStatusId: defaults.statusId,
    defaultOwnerId: defaults.ownerId,
    minKeywordLength: MIN_KEYWORD_LENGTH,
  };
}

/**
 * The database's answers to a batch's questions. Like the duplicate check, it looks across every
 * owner — the explicit systemActor scope (everyoneScope) — and the report reveals only each
 * match's name and owner. `existing`, if any, holds the keywords that scope had when the validation began. With them, `visible`: which of the customers found the importer may see, and so merge
 * contacts into.
 */
/** The customers the duplicate check looks across: every owner's. */
export function everyoneScope(ctx: AppContext) {
  return customerScope(ctx.database.db, systemActor, today(ctx));
}

export async function askDatabase(ctx: AppContext, actor: Actor, questions: DatabaseQuestions, existing: KeywordFilter | null): Promise<Answers> {
  const everyone = everyoneScope(ctx);
  const add = (lists: Map<string, DbMatch[]>, key: string, c: { id: number | string; name: string; owner_name: string }) => {
    const list = lists.get(key) ?? [];
    list.push({ id: Number(c.id), name: c.name, ownerName: c.owner_name });
    lists.set(key, list);
  };
  const byKeyword = new Map<string, DbMatch[]>();
  for (const c of await repo.customersWithKeywords(ctx.database.db, everyone, keywordCandidates(questions.names, existing))) add(byKeyword, c.keyword_norm, c);
  // The new keyword inside an existing name: one gram per keyword narrows, the database
  // compares the names, so only true matches come back.
  const byContained = new Map<string, DbMatch[]>();
  for (const c of await repo.customersWithNameContaining(ctx.database.db, everyone, questions.contained)) add(byContained, c.keyword, c);
  // Lowest ids first, as the index yields them: the same ten whatever plan the database chose.
  // No row shows more than MAX_MATCHES, so no list needs more (a short keyword held by many
  // names would otherwise travel whole to the validation thread).
  const ids = new Set<number>();
  for (const lists of [byKeyword, byContained]) {
    for (const [key, list] of lists) {
      const kept = list.sort((a, b) => a.id - b.id).slice(0, MAX_MATCHES);
      lists.set(key, kept);
      for (const m of kept) ids.add(m.id);
    }
  }
  const visible = await repo.visibleAmong(ctx.database.db, scopeFor(ctx, actor), [...ids]);
  return { byKeyword, byContained, visible };
}
