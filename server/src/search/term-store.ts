import type { AliasedRawBuilder, Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import { isPostgres } from '../db/dialect.js';
import type { DB } from '../db/schema.js';
import type { EntryWriter } from './index-entry.js';
import { postgresTermStore } from './postgres-term-store.js';
import { sqliteTermStore } from './sqlite-term-store.js';

// Where the search index keeps its terms, and every statement that reads or writes it: an FTS5
// table on SQLite (sqlite-term-store.ts), term hashes under GIN on PostgreSQL
// (postgres-term-store.ts). The rest of the engine works through this interface alone.

export type Dialect = 'sqlite' | 'postgres';

/** The index as a FROM item for a join with a table of terms (term-index.ts indexJoin). */
export interface IndexJoin {
  from: AliasedRawBuilder<unknown, 'customer_search'>;
  on: RawBuilder<SqlBool>;
  customerId: RawBuilder<unknown>;
}

export interface TermStore {
  /**
   * Whether counting a term's postings is cheap enough to choose a search's walk by
   * (walk-plan.ts): FTS5 counts them from its index alone, GIN only by reading a row per posting.
   */
  readonly countsPostings: boolean;
  /** A term as the index holds it, as text. */
  key(term: string): string;
  /** A customer's entry as insertEntries takes it, from its terms. */
  entry(terms: readonly string[]): string;
  /**
   * Appends the term `text[start, end)` + the code unit `tail` (-1: none), whose hashRange lanes
   * are `laneA` and `laneB`, to an entry (index-entry.ts): the same text `entry` writes for it.
   */
  writeTerm(out: EntryWriter, laneA: number, laneB: number, text: string, start: number, end: number, tail: number): void;
  /** Ids (column `customer_id`) of the customers indexed under every one of `terms` (non-empty). */
  customersWithTerms(terms: readonly string[]): RawBuilder<{ customer_id: number }>;
  /** Whether the customer in the row `customers` is indexed under every one of `terms`. */
  hasTerms(terms: readonly string[]): Expression<SqlBool>;
  /** The index joined with a table of terms (column `keyColumn`, values from key). */
  indexJoin(keyColumn: string): IndexJoin;
  /** Indexes a customer under `terms`, replacing what it had. */
  replaceEntry(db: Kysely<DB>, customerId: number, terms: readonly string[]): Promise<void>;
  /** Indexes customers that have no entry yet from their entries (non-empty), in one statement. */
  insertEntries(db: Kysely<DB>, entries: readonly { id: number; entry: string }[]): Promise<void>;
  /** Lets this transaction's new entries wait longer before they are merged into the index. */
  allowLongPendingList(db: Kysely<DB>): Promise<void>;
  /** Merges entries still waiting into the index proper. */
  cleanPendingTerms(db: Kysely<DB>): Promise<void>;
  /** The indexed terms of every customer, in the form asIndexed gives, sorted (for tests). */
  allIndexedTerms(db: Kysely<DB>): Promise<Map<number, string[]>>;
  /** Terms as allIndexedTerms reports them. */
  asIndexed(terms: readonly string[]): string[];
}

const stores: Record<Dialect, TermStore> = { sqlite: sqliteTermStore, postgres: postgresTermStore };

/** The term store of a database of this dialect. */
export function termStoreFor(dialect: Dialect): TermStore {
  return stores[dialect];
}

/** The term store of the database `db` talks to. */
export function termStoreOf(db: Kysely<any>): TermStore {
  return isPostgres(db) ? postgresTermStore : sqliteTermStore;
}
