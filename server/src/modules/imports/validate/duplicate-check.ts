import type { DuplicateReason } from '../../../../../common/duplicates/keys.js';
import { longGramsOf, unitsAt } from '../../../search/index.js';
import { toJson } from '../../../db/bulk.js';
import type { KeywordFilter } from './keyword-filter.js';

// The duplicate check of an import, with the rules of the live check (duplicates/find.ts): a
// row looks like an existing customer — or an earlier row of the file — with the same keyword,
// the same company core, whose keyword is inside the row's name, or whose name holds the row's
// keyword, in that order of strength; names and keywords in the duplicate check's own
// normalisation (duplicateKeysOf). A whole batch of rows is looked up at once: one query per
// rule, whatever the batch size. Pure: the questions for the database and the reading of its
// answers are here, the queries in ask-database.ts.

/** Keywords are stored with at most this many characters (the schema's maximum). */
const MAX_KEYWORD_CHARS = 20;
/** Matches reported per row. */
export const MAX_MATCHES = 10;

/**
 * Every substring of the name that could be a keyword (2..20 characters), in the order of
 * customers/duplicates.ts candidateKeywords (by start, then length) — the order matches are
 * reported in. A substring that occurs twice is listed twice (finding it again adds nothing, and
 * not removing repeats saves a hash set per name). Names without surrogate pairs are cut by code
 * unit, the others by code point like candidateKeywords.
 */
export function nameSubstrings(nameNorm: string): string[] {
  const out: string[] = [];
  if (!/[\uD800-\uDFFF]/.test(nameNorm)) {
    const n = nameNorm.length;
    for (let start = 0; start < n; start++) {
      const end = Math.min(n, start + MAX_KEYWORD_CHARS);
      for (let stop = start + 2; stop <= end; stop++) out.push(nameNorm.slice(start, stop));
    }
    return out;
  }
  const chars = [...nameNorm];
  for (let start = 0; start < chars.length; start++) {
    let s = chars[start]!;
    for (let len = 2; len <= MAX_KEYWORD_CHARS && start + len <= chars.length; len++) {
      s += chars[start + len - 1]!;
      out.push(s);
    }
  }
  return out;
}

/** Distinct bigrams (by code point), as the search index holds them for every part. */
function bigrams(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; ) {
    const first = unitsAt(text, at);
    if (at + first >= text.length) break;
    const gram = text.slice(at, at + first + unitsAt(text, at + first));
    // Names are short: a look through the few found so far beats a Set per name.
    if (!out.includes(gram)) out.push(gram);
    at += first;
  }
  return out;
}

/** Bigrams in very many company names: a poor first choice to narrow by. */
const COMMON_GRAMS = new Set(['有限', '限公', '公司', '科技', '技术', '集团', '股份', '份有', '贸易', '实业', '发展', '电子', '机械', '工程', '网络', '信息', '中国', '国际', '商贸', '服务']);

/**
 * How many customers a gram of a keyword is likely to index, as a rank (lower is rarer). Every
 * customer has digit windows (phones) and Latin windows (pinyin initials), so a bigram with a
 * Chinese character narrows best, then a Latin window, then a digit window; an ASCII bigram
 * ("13", "en") is in a large share of all customers.
 */
function rarity(gram: string): number {
  if (/[\u0080-\uffff]/.test(gram)) return COMMON_GRAMS.has(gram) ? 3 : 0;
  if (/^[a-z]{3}$/.test(gram)) return 1;
  if (/^[0-9]{4}$/.test(gram)) return 2;
  return 4;
}

/**
 * The one gram that narrows the search for existing names containing the keyword. Every
 * bigram of the keyword, and every 4-digit or 3-letter window of its digit and Latin runs, is
 * indexed for any customer whose name contains the keyword; the name then decides. The first
 * of the rarest rank; null for a keyword of one character (none is that short once validated).
 */
export function narrowingGram(keywordNorm: string): string | null {
  let best: string | null = null;
  let bestRank = Infinity;
  for (const gram of bigrams(keywordNorm)) {
    const rank = rarity(gram);
    // Nothing ranks before 0: the windows need not be looked at.
    if (rank === 0) return gram;
    if (rank < bestRank) [best, bestRank] = [gram, rank];
  }
  for (const gram of longGramsOf([keywordNorm])) {
    const rank = rarity(gram);
    if (rank < bestRank) [best, bestRank] = [gram, rank];
  }
  return best;
}

/** The two characters (code points) at `at` of a text, or fewer at its end. */
function bigramAt(text: string, at: number): string {
  const first = unitsAt(text, at);
  return text.slice(at, at + first + (at + first < text.length ? unitsAt(text, at + first) : 0));
}

/**
 * Keywords by their first two characters, to find the ones a name holds from the name's
 * bigrams. Looking up each of the ~90 substrings of every name (nameSubstrings) was most of a
 * validation thread's time; a name has ~14 bigrams.
 */
export class KeywordStarts {
  private byStart = new Map<string, string[]>();

  /** Adds a keyword (once: the caller keeps them distinct). */
  add(keyword: string) {
    const length = [...keyword].length;
    if (length < 2 || length > MAX_KEYWORD_CHARS) return;
    const start = bigramAt(keyword, 0);
    const list = this.byStart.get(start);
    if (list) list.push(keyword);
    else this.byStart.set(start, [keyword]);
  }

  /**
   * Calls `visit` with each keyword in `name`, by where it starts, then by length — the order of
   * nameSubstrings — until it returns false. A keyword in the name twice is visited twice.
   */
  forEachIn(name: string, visit: (keyword: string) => boolean) {
    for (let at = 0; at < name.length; at += unitsAt(name, at)) {
      const starting = this.byStart.get(bigramAt(name, at));
      if (!starting) continue;
      if (starting.length === 1) {
        if (name.startsWith(starting[0]!, at) && !visit(starting[0]!)) return;
        continue;
      }
      const here = starting.filter((k) => name.startsWith(k, at));
      if (here.length > 1) here.sort((a, b) => a.length - b.length);
      for (const k of here) if (!visit(k)) return;
    }
  }
}

/** The rules by strength, strongest first (the order of duplicates/find.ts). */
const STRENGTH: Readonly<Record<DuplicateReason, number>> = { same_keyword: 0, same_name: 1, keyword_in_name: 2, name_has_keyword: 3 };

export function strengthOf(reason: DuplicateReason): number {
  return STRENGTH[reason];
}

/** What a row is compared by: duplicateKeysOf's name_norm, keyword_norm and name_core. */
export interface RowKeys {
  nameNorm: string;
  keywordNorm: string;
  nameCore: string | null;
}

export interface FileMatch {
  rowNo: number;
  name: string;
  ownerName: string;
  reason: DuplicateReason;
}

/** Adds `at` to the list under `key`, up to MAX_MATCHES (no row shows more). */
function addCapped(lists: Map<string, number[]>, key: string, at: number) {
  const list = lists.get(key);
  if (!list) lists.set(key, [at]);
  else if (list.length < MAX_MATCHES) list.push(at);
}

/** Look-alikes within the file: earlier rows, by the four rules. */
export class InFileIndex {
  /** Earlier rows by keyword and by company core, the first MAX_MATCHES of each. */
  private byKeyword = new Map<string, number[]>();
  private byCore = new Map<string, number[]>();
  private starts = new KeywordStarts();
  private rows: { rowNo: number; nameNorm: string; name: string; ownerName: string }[] = [];
  private grams = new Map<string, number[]>();

  /**
   * Earlier rows with the same keyword, then the same core, then those whose keyword is in
   * `nameNorm` (in nameSubstrings' order), then those whose name holds `keywordNorm`; each row
   * once, under its strongest rule, at most MAX_MATCHES.
   */
  matches({ nameNorm, keywordNorm, nameCore }: RowKeys): FileMatch[] {
    const found = new Map<number, FileMatch>();
    const take = (at: number, reason: DuplicateReason) => {
      if (!found.has(at)) {
        const row = this.rows[at]!;
        found.set(at, { rowNo: row.rowNo, name: row.name, ownerName: row.ownerName, reason });
      }
      return found.size < MAX_MATCHES;
    };
    const takeAll = (list: readonly number[] | undefined, reason: DuplicateReason) => {
      for (const at of list ?? []) if (!take(at, reason)) return false;
      return true;
    };
    if (!takeAll(this.byKeyword.get(keywordNorm), 'same_keyword')) return [...found.values()];
    if (nameCore !== null && !takeAll(this.byCore.get(nameCore), 'same_name')) return [...found.values()];
    this.starts.forEachIn(nameNorm, (k) => takeAll(this.byKeyword.get(k), 'keyword_in_name'));
    // The earlier names holding the keyword are among those holding each of its bigrams: the
    // shortest such list is read (in row order, so which ones are listed does not depend on it).
    const grams = bigrams(keywordNorm);
    if (grams.length && found.size < MAX_MATCHES) {
      let smallest: number[] | undefined;
      for (const g of grams) {
        const list = this.grams.get(g) ?? [];
        if (!smallest || list.length < smallest.length) smallest = list;
      }
      for (const at of smallest ?? []) {
        if (found.size >= MAX_MATCHES) break;
        if (this.rows[at]!.nameNorm.includes(keywordNorm) && !take(at, 'name_has_keyword')) break;
      }
    }
    return [...found.values()];
  }

  add(rowNo: number, name: string, ownerName: string, { nameNorm, keywordNorm, nameCore }: RowKeys) {
    const at = this.rows.length;
    this.rows.push({ rowNo, nameNorm, name, ownerName });
    if (!this.byKeyword.has(keywordNorm)) this.starts.add(keywordNorm);
    addCapped(this.byKeyword, keywordNorm, at);
    if (nameCore !== null) addCapped(this.byCore, nameCore, at);
    for (const g of bigrams(nameNorm)) {
      const list = this.grams.get(g);
      if (list) list.push(at);
      else this.grams.set(g, [at]);
    }
  }
}

export interface DbMatch {
  id: number;
  name: string;
  ownerName: string;
}

/**
 * What a batch asks the database: existing customers with its keywords, with its cores, whose
 * keywords its names hold, whose names hold its keywords.
 */
export interface DatabaseQuestions {
  /** The batch's distinct normalised keywords: customers with the same one (same_keyword). */
  keywords: string[];
  /** The batch's distinct company cores: customers with the same one (same_name). */
  cores: string[];
  /** The batch's distinct normalised names: the main thread asks for keywords among their substrings (keywordCandidates). */
  names: string[];
  /** Each distinct keyword of the batch with the gram that narrows the search for names holding it. */
  contained: { keyword: string; gram: string }[];
}

/** The database's answers, each list lowest ids first and at most MAX_MATCHES long. */
export interface DatabaseAnswers {
  /** Customers by their keyword, for the batch's keywords. */
  sameKeyword: Map<string, DbMatch[]>;
  /** Customers by their core, for the batch's cores. */
  sameCore: Map<string, DbMatch[]>;
  /** Customers by their keyword, for keywords the batch's names hold (neither generic nor a place). */
  byKeyword: Map<string, DbMatch[]>;
  /** Customers by the batch keyword their name holds. */
  byContained: Map<string, DbMatch[]>;
}

export function databaseQuestions(rows: readonly RowKeys[]): DatabaseQuestions {
  const keywords = new Set<string>();
  const cores = new Set<string>();
  const names = new Set<string>();
  for (const r of rows) {
    keywords.add(r.keywordNorm);
    if (r.nameCore !== null) cores.add(r.nameCore);
    names.add(r.nameNorm);
  }
  const contained: { keyword: string; gram: string }[] = [];
  for (const keyword of keywords) {
    const gram = narrowingGram(keyword);
    if (gram) contained.push({ keyword, gram });
  }
  return { keywords: [...keywords], cores: [...cores], names: [...names], contained };
}

/**
 * Every distinct substring of the names that could be an existing keyword — that `existing`
 * (keyword-filter.ts) may hold, or every one without a filter — as a JSON array (toJson), for
 * the query of existing keywords. Made on the main thread, which waits for the database and has
 * time to spare, rather than on the validation thread, which has not.
 */
export function keywordCandidates(names: readonly string[], existing: KeywordFilter | null): string {
  const distinct = new Set<string>();
  for (const name of names) for (const s of nameSubstrings(name)) if (!existing || existing.mayHave(s)) distinct.add(s);
  return toJson([...distinct]);
}

export interface ExistingMatch extends DbMatch {
  reason: DuplicateReason;
}

/**
 * The existing customers each row looks like (the rules of the live check): same keyword, same
 * core, those whose keyword its name holds (in nameSubstrings' order), then those whose name
 * holds its keyword; each customer once, under its strongest rule, at most MAX_MATCHES.
 */
export function matchRows(rows: readonly RowKeys[], answers: DatabaseAnswers): ExistingMatch[][] {
  const { sameKeyword, sameCore, byKeyword, byContained } = answers;
  const starts = new KeywordStarts();
  for (const k of byKeyword.keys()) starts.add(k);
  return rows.map((r) => {
    const out = new Map<number, ExistingMatch>();
    const takeAll = (list: readonly DbMatch[] | undefined, reason: DuplicateReason) => {
      for (const m of list ?? []) {
        if (out.size >= MAX_MATCHES) return false;
        if (!out.has(m.id)) out.set(m.id, { ...m, reason });
      }
      return out.size < MAX_MATCHES;
    };
    takeAll(sameKeyword.get(r.keywordNorm), 'same_keyword');
    if (r.nameCore !== null) takeAll(sameCore.get(r.nameCore), 'same_name');
    if (byKeyword.size && out.size < MAX_MATCHES) starts.forEachIn(r.nameNorm, (k) => takeAll(byKeyword.get(k), 'keyword_in_name'));
    takeAll(byContained.get(r.keywordNorm), 'name_has_keyword');
    return [...out.values()];
  });
}
