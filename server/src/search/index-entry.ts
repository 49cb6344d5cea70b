import { END_MARK, unitsAt } from './search-text.js';
import { hashRange, lanes } from './term-hash.js';
import { termStoreFor, type Dialect, type TermStore } from './term-store.js';

// A customer's search index entry built straight from its search parts, for the import, which
// makes one for each of up to 200,000 rows. It is the same text as
// indexEntry(dialect, gramsOf(parts)) (term-index.ts, search-text.ts) — a test compares the two
// — but no term is made as a string: each term is hashed from the part's code units where it
// lies, repeats are dropped by their hash, and the entry is written as bytes into one buffer.
// Making the terms, their Sets and above all each hash's decimal text (String of a number beyond
// 2^31) was a large share of Node's CPU time in an import's commit on PostgreSQL.

const END = END_MARK.charCodeAt(0);

/**
 * The terms seen so far in this entry, by both hash lanes: an open-addressing table reused from
 * one entry to the next (a stamp per slot marks the current entry's).
 */
class SeenTerms {
  private size = 1024;
  private a = new Int32Array(this.size);
  private b = new Int32Array(this.size);
  private stamp = new Int32Array(this.size);
  private current = 0;
  private count = 0;

  reset() {
    this.count = 0;
    this.current += 1;
    if (this.current === 0x7fffffff) {
      this.stamp.fill(0);
      this.current = 1;
    }
  }

  /** Adds the term (laneA, laneB); false if it was there. */
  add(la: number, lb: number): boolean {
    if (this.count * 2 >= this.size) this.grow();
    const mask = this.size - 1;
    for (let slot = la & mask; ; slot = (slot + 1) & mask) {
      if (this.stamp[slot] !== this.current) {
        this.stamp[slot] = this.current;
        this.a[slot] = la | 0;
        this.b[slot] = lb | 0;
        this.count += 1;
        return true;
      }
      if (this.a[slot] === (la | 0) && this.b[slot] === (lb | 0)) return false;
    }
  }

  private grow() {
    const { a, b, stamp, current } = this;
    this.size *= 2;
    this.a = new Int32Array(this.size);
    this.b = new Int32Array(this.size);
    this.stamp = new Int32Array(this.size);
    this.count = 0;
    for (let i = 0; i < stamp.length; i++) if (stamp[i] === current) this.add(a[i]! >>> 0, b[i]! >>> 0);
  }
}

/**
 * The entry's bytes (ASCII, and TERM_SEPARATOR), written into one buffer reused from entry to
 * entry: by the term store's writeTerm, each term as that store's entry holds it.
 */
export class EntryWriter {
  private bytes = Buffer.allocUnsafe(16_384);
  length = 0;

  reset() {
    this.length = 0;
  }

  /** Room for `n` more bytes. */
  room(n: number) {
    if (this.length + n <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }

  byte(c: number) {
    this.bytes[this.length++] = c;
  }

  /** `n` (0 ≤ n < 10^8) in decimal, padded with zeros to `width` digits. */
  digits(n: number, width: number) {
    // As a 32-bit integer (n < 2^31), so that % and / below are integer operations, not fmod.
    n |= 0;
    let count = 1;
    for (let p = 10; p <= n; p *= 10) count++;
    if (count < width) count = width;
    let at = this.length + count;
    this.length = at;
    for (let i = 0; i < count; i++) {
      this.bytes[--at] = 0x30 + (n % 10);
      n = (n / 10) | 0;
    }
  }

  /** A code point in base 32 (digits 0–9, a–v), as Number#toString(32) writes it. */
  base32(point: number) {
    let count = 1;
    for (let p = 32; p <= point; p *= 32) count++;
    let at = this.length + count;
    this.length = at;
    for (let i = 0; i < count; i++) {
      const d = point & 31;
      this.bytes[--at] = d < 10 ? 0x30 + d : 0x57 + d;
      point >>>= 5;
    }
  }

  text(): string {
    return this.bytes.toString('latin1', 0, this.length);
  }
}

const seen = new SeenTerms();
const out = new EntryWriter();

/** Writes the term `text[start, end)` + `tail` (-1: none) unless the entry already has it. */
function term(store: TermStore, text: string, start: number, end: number, tail: number) {
  hashRange(text, start, end, tail);
  if (!seen.add(lanes[0]!, lanes[1]!)) return;
  store.writeTerm(out, lanes[0]!, lanes[1]!, text, start, end, tail);
}

/**
 * Every window of `size` units in each maximal run of units from `low` to `high` (digits or
 * Latin letters) of at least `size`, as addLongGrams (search-text.ts) takes them.
 */
function longGrams(store: TermStore, part: string, low: number, high: number, size: number) {
  let start = -1;
  for (let i = 0; i <= part.length; i++) {
    const c = i < part.length ? part.charCodeAt(i) : -1;
    if (c >= low && c <= high) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      for (let w = start; w + size <= i; w++) term(store, part, w, w + size, -1);
      start = -1;
    }
  }
}

/**
 * indexEntry(dialect, gramsOf(parts)): the bigrams of every part in order (the last character
 * with END_MARK), then each part's 4-digit and 3-letter windows, then every non-ASCII character
 * alone in the order it first appears — each term once, where it first comes.
 */
export function indexEntryOfParts(dialect: Dialect, parts: readonly string[]): string {
  const store = termStoreFor(dialect);
  seen.reset();
  out.reset();
  for (const part of parts) {
    for (let i = 0; i < part.length; ) {
      const w = unitsAt(part, i);
      const next = i + w;
      if (next < part.length) term(store, part, i, next + unitsAt(part, next), -1);
      else term(store, part, i, next, END);
      i = next;
    }
  }
  for (const part of parts) {
    longGrams(store, part, 0x30, 0x39, 4); // 0-9
    longGrams(store, part, 0x61, 0x7a, 3); // a-z
  }
  for (const part of parts) {
    for (let i = 0; i < part.length; ) {
      const w = unitsAt(part, i);
      if (part.charCodeAt(i) > 0x7f) term(store, part, i, i + w, -1);
      i += w;
    }
  }
  return out.text();
}
