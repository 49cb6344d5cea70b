import { companyCore } from './company-core.js';
import { isDivisionName } from './divisions.js';
import { charCount, duplicateText } from './text.js';

// What a customer is compared by, as its row stores it: the normalised name and keyword and the
// company core (null when the name has none that tells it apart).

export interface DuplicateKeys {
  name_norm: string;
  keyword_norm: string;
  name_core: string | null;
}

export type DuplicateReason = 'same_keyword' | 'same_name' | 'keyword_in_name' | 'name_has_keyword';

/** The shortest keyword that is compared at all, in characters. */
export const MIN_KEYWORD_CHARS = 2;
/** The shortest name a live check answers for, in characters. */
export const MIN_NAME_CHARS = 4;

export function duplicateKeysOf(name: string, keyword: string): DuplicateKeys {
  return { name_norm: duplicateText(name), keyword_norm: duplicateText(keyword), name_core: companyCore(name) };
}

export type GroupReason = 'same_keyword' | 'same_name';

/** The duplicate groups a customer with these keys belongs to (duplicate_keys). */
export function groupKeysOf(keys: Pick<DuplicateKeys, 'keyword_norm' | 'name_core'>): { reason: GroupReason; key: string }[] {
  const out: { reason: GroupReason; key: string }[] = [];
  // A keyword that names a place (refused today, but kept from older data) groups nothing.
  if (charCount(keys.keyword_norm) >= MIN_KEYWORD_CHARS && !isDivisionName(keys.keyword_norm)) out.push({ reason: 'same_keyword', key: keys.keyword_norm });
  if (keys.name_core !== null) out.push({ reason: 'same_name', key: keys.name_core });
  return out;
}

/** A change to how many live customers hold a group key. */
export interface KeyDelta {
  reason: GroupReason;
  key: string;
  delta: number;
}

/** The deltas of customers entering (+1) or leaving (-1) the live set. */
export function keyDeltas(customers: readonly Pick<DuplicateKeys, 'keyword_norm' | 'name_core'>[], delta: 1 | -1): KeyDelta[] {
  return customers.flatMap((c) => groupKeysOf(c).map((k) => ({ ...k, delta })));
}
