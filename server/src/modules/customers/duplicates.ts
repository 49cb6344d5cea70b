import type { Kysely } from 'kysely';
import { normalizeText } from '../../../../common/normalize.js';
import type { DB } from '../../db/schema.js';
import { inIds, likeContains } from '../../db/dialect.js';
import { systemActor } from '../../policy/actor.js';
import { customerScope } from '../../policy/scope.js';
import { customersWithTerms, termGrams } from '../../search/index.js';

// The keyword duplicate check (GET /api/customers/duplicates). It looks across ALL customers of
// ALL owners — the one deliberate exception to visibility, hence the systemActor — and reveals
// only each match's name and owner.
//
// A match is a live customer whose keyword is contained in the new name, or whose name
// contains the new keyword, both sides normalised.

export const MAX_MATCHES = 10;
/** Keywords longer than this are not stored (schema max), so longer substrings need no lookup. */
const MAX_KEYWORD_CHARS = 20;

export interface DuplicateMatch {
  customerName: string;
  ownerName: string;
}

/** Every substring of the name that could be an existing keyword (2..20 characters). */
export function candidateKeywords(nameNorm: string): string[] {
  const chars = [...nameNorm];
  const out = new Set<string>();
  for (let start = 0; start < chars.length; start++) {
    for (let len = 2; len <= MAX_KEYWORD_CHARS && start + len <= chars.length; len++) {
      out.add(chars.slice(start, start + len).join(''));
    }
  }
  return [...out];
}

export async function findDuplicates(
  db: Kysely<DB>,
  input: { name?: string | undefined; keyword?: string | undefined; excludeId?: number | undefined },
  today: string,
): Promise<DuplicateMatch[]> {
  const everyone = customerScope(db, systemActor, today);
  const nameNorm = normalizeText(input.name ?? '');
  const keywordNorm = normalizeText(input.keyword ?? '');
  const found = new Map<number, DuplicateMatch>();
  const base = () => {
    let q = everyone
      .customers()
      .innerJoin('users', 'users.id', 'customers.owner_id')
      .select(['customers.id', 'customers.name', 'users.display_name']);
    if (input.excludeId !== undefined) q = q.where('customers.id', '!=', input.excludeId);
    return q;
  };
  const collect = (rows: { id: number; name: string; display_name: string }[]) => {
    for (const r of rows) {
      if (found.size < MAX_MATCHES) found.set(r.id, { customerName: r.name, ownerName: r.display_name });
    }
  };

  // 1. An existing keyword inside the new name: look every substring up in the keyword index.
  const substrings = candidateKeywords(nameNorm);
  for (let i = 0; i < substrings.length && found.size < MAX_MATCHES; i += 500) {
    collect(await base().where('customers.keyword_norm', 'in', substrings.slice(i, i + 500)).limit(MAX_MATCHES).execute());
  }

  // 2. The new keyword inside an existing name: the search index narrows, the name decides.
  if ([...keywordNorm].length >= 2 && found.size < MAX_MATCHES) {
    const q = base().where(inIds(db, 'customers.id', customersWithTerms(db, termGrams(keywordNorm))));
    collect(await q.where(likeContains('customers.name_norm', keywordNorm)).limit(MAX_MATCHES).execute());
  }
  return [...found.values()];
}
