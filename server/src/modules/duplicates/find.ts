import type { Kysely } from 'kysely';
import { duplicateKeysOf, type DuplicateReason } from '../../../../common/duplicates/keys.js';
import { isDivisionName } from '../../../../common/duplicates/divisions.js';
import type { DB } from '../../db/schema.js';
import { systemActor } from '../../policy/actor.js';
import { customerScope } from '../../policy/scope.js';
import * as repo from './repo.js';

// The duplicate rules (docs/user-guide): a live customer is a possible duplicate of a new or
// renamed one when their keywords are equal, when their company cores are equal, when the new
// name holds its keyword, or when its name holds the new keyword — in that order of strength.
// Each match names only the customer, its owner and the rule.

export const MAX_MATCHES = 10;
/** Keywords are stored with at most this many characters (the schema's maximum). */
const MAX_KEYWORD_CHARS = 20;

export interface DuplicateMatch {
  customerName: string;
  ownerName: string;
  reason: DuplicateReason;
}

/** Every substring of a normalised name that could be someone's keyword, divisions left out. */
export function candidateKeywords(nameNorm: string): string[] {
  const chars = [...nameNorm];
  const out = new Set<string>();
  for (let start = 0; start < chars.length; start++) {
    for (let len = 2; len <= MAX_KEYWORD_CHARS && start + len <= chars.length; len++) {
      const s = chars.slice(start, start + len).join('');
      if (!isDivisionName(s)) out.add(s);
    }
  }
  return [...out];
}

export interface DuplicateProbe {
  /** The name as typed, or undefined to compare by keyword only. */
  name?: string | undefined;
  keyword?: string | undefined;
  /** The customer being edited, left out of its own matches. */
  excludeId?: number | undefined;
}

export async function findDuplicates(db: Kysely<DB>, probe: DuplicateProbe, today: string): Promise<DuplicateMatch[]> {
  const everyone = customerScope(db, systemActor, today);
  const keys = duplicateKeysOf(probe.name ?? '', probe.keyword ?? '');
  const found = new Map<number, DuplicateMatch>();
  const add = (rows: repo.MatchRow[], reason: DuplicateReason) => {
    for (const r of rows) {
      if (found.size < MAX_MATCHES && !found.has(r.id)) found.set(r.id, { customerName: r.name, ownerName: r.owner_name, reason });
    }
  };
  const room = () => MAX_MATCHES - found.size;
  const { excludeId } = probe;
  if (probe.keyword !== undefined && keys.keyword_norm) add(await repo.withKeyword(db, everyone, keys.keyword_norm, excludeId, MAX_MATCHES), 'same_keyword');
  if (probe.name !== undefined && keys.name_core !== null && room()) add(await repo.withCore(db, everyone, keys.name_core, excludeId, MAX_MATCHES), 'same_name');
  if (probe.name !== undefined && room()) {
    const substrings = candidateKeywords(keys.name_norm);
    for (let i = 0; i < substrings.length && room(); i += 500) {
      add(await repo.withKeywordAmong(db, everyone, substrings.slice(i, i + 500), excludeId, MAX_MATCHES), 'keyword_in_name');
    }
  }
  if (probe.keyword !== undefined && [...keys.keyword_norm].length >= 2 && room()) {
    add(await repo.withNameContaining(db, everyone, keys.keyword_norm, excludeId, MAX_MATCHES), 'name_has_keyword');
  }
  return [...found.values()];
}
