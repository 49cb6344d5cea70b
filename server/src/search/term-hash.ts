// A term's hash: PostgreSQL's form of a search term (postgres-term-store.ts), and the key by
// which the import's index entries drop repeated terms (index-entry.ts) and its keyword filter
// tests words (imports/keyword-filter.ts).

/**
 * PostgreSQL's form of a term: a 53-bit hash of its UTF-16 code units (two 32-bit lanes, each
 * finished with MurmurHash3's mixer). GIN compares and copies a bigint more cheaply than a
 * text, which shortens an import's index statement (docs/decisions/0012).
 * A search whose term is itself one index term is not re-checked against the text, so two
 * terms sharing a hash would find each other's customers: among a million distinct terms that
 * happens with a chance of about 1 in 18,000, and then for those two terms alone. 53 bits keep
 * the value exact in a JavaScript number. The stored index depends on it: never change it
 * without a migration that rebuilds the index.
 */
export function termHash(term: string): number {
  const [a, b] = hashLanes(term);
  return (b >>> 11) * 0x1_0000_0000 + a;
}

/**
 * termHash's two 32-bit lanes, unsigned: FNV-1a, and a multiply–shift lane with another basis,
 * each finished by the mixer. Also the import's Bloom filter's two hashes (imports/keyword-filter.ts).
 */
export function hashLanes(text: string): [number, number] {
  hashRange(text, 0, text.length, -1);
  return [lanes[0]!, lanes[1]!];
}

/** The lanes of the last hashRange, [a, b]: one array for every term, not one per term. */
export const lanes = new Uint32Array(2);

/**
 * hashLanes of the code units `text[start, end)` followed by the unit `tail` (-1: none), into
 * `lanes`, without making that string (index-entry.ts hashes terms where they lie in a part).
 */
export function hashRange(text: string, start: number, end: number, tail: number): void {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : tail;
    if (c === -1) break;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  const length = end - start + (tail === -1 ? 0 : 1);
  lanes[0] = mix32(a ^ length);
  lanes[1] = mix32(b ^ Math.imul(length, 0x9e3779b1));
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
