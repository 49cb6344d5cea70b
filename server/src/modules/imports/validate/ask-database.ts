import { normalizeText } from '../../../../../common/normalize.js';
import { divisionNames } from '../../../../../common/duplicates/divisions.js';
import { toJson } from '../../../db/bulk.js';
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
  // The admin's generic words (stored normalised) and the names of places: no keyword may be one,
  // and an existing keyword that is one matches no name (as in duplicates/find.ts).
  const generic = new Set([...(await listGenericKeywords(ctx)).map((g) => g.word), ...divisionNames()]);
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

/** The customers the duplicate check looks across: every owner's. */
export function everyoneScope(ctx: AppContext) {
  return customerScope(ctx.database.db, systemActor, today(ctx));
}

type Found = { id: number | string; name: string; owner_name: string };

/** Customers found, by the key that found them: lowest ids first, at most MAX_MATCHES per key. */
function byKey<T extends Found>(found: readonly T[], keyOf: (c: T) => string, usable?: (key: string) => boolean): Map<string, DbMatch[]> {
  const lists = new Map<string, DbMatch[]>();
  for (const c of found) {
    const key = keyOf(c);
    if (usable && !usable(key)) continue;
    const list = lists.get(key);
    const match = { id: Number(c.id), name: c.name, ownerName: c.owner_name };
    if (list) list.push(match);
    else lists.set(key, [match]);
  }
  // Lowest ids first, as the index yields them: the same ten whatever plan the database chose.
  // No row shows more than MAX_MATCHES, so no list needs more (a short keyword held by many
  // names would otherwise travel whole to the validation thread).
  for (const [key, list] of lists) if (list.length > 1) lists.set(key, list.sort((a, b) => a.id - b.id).slice(0, MAX_MATCHES));
  return lists;
}

/**
 * The database's answers to a batch's questions, one query per rule. Like the live check, it
 * looks across every owner — the explicit systemActor scope (everyoneScope) — and the report
 * reveals only each match's name and owner. `existing`, if any, holds the keywords that scope had
 * when the validation began; `generic`, what may not be a keyword (Lookups.generic). With the
 * answers, `visible`: which of the customers found the importer may see, and so merge contacts
 * into.
 */
export async function askDatabase(ctx: AppContext, actor: Actor, questions: DatabaseQuestions, existing: KeywordFilter | null, generic: ReadonlySet<string>): Promise<Answers> {
  const { db } = ctx.database;
  const everyone = everyoneScope(ctx);
  const keywords = existing ? questions.keywords.filter((k) => existing.mayHave(k)) : questions.keywords;
  const sameKeyword = byKey(await repo.customersWithKeywords(db, everyone, toJson(keywords)), (c) => c.keyword_norm);
  const sameCore = byKey(await repo.customersWithCores(db, everyone, toJson(questions.cores)), (c) => c.name_core);
  // An existing keyword inside a name, unless it is generic or a place (kept from older data).
  const inNames = await repo.customersWithKeywords(db, everyone, keywordCandidates(questions.names, existing));
  const byKeyword = byKey(inNames, (c) => c.keyword_norm, (k) => !generic.has(k));
  // The new keyword inside an existing name: one gram per keyword narrows, the database
  // compares the names, so only true matches come back.
  const byContained = byKey(await repo.customersWithNameContaining(db, everyone, questions.contained), (c) => c.keyword);
  const ids = new Set<number>();
  for (const lists of [sameKeyword, sameCore, byKeyword, byContained]) for (const list of lists.values()) for (const m of list) ids.add(m.id);
  const visible = await repo.visibleAmong(db, scopeFor(ctx, actor), [...ids]);
  return { sameKeyword, sameCore, byKeyword, byContained, visible };
}
