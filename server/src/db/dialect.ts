import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Expression, type Kysely, type RawBuilder } from 'kysely';

// The only place that knows which database it is talking to, with the search engine's term
// stores (server/src/search/term-store.ts).

export async function dialectOf(db: Kysely<any>): Promise<'sqlite' | 'postgres'> {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}

/** An auto-numbered primary key column `id`, the one dialect branch in migrations. */
export function withIdColumn<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: 'sqlite' | 'postgres',
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigint', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

/** Escape `%`, `_` and the escape character itself for a LIKE pattern used with ESCAPE '\'. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}


/** A CHECK constraint `column in (...)` of literal values, for migrations. */
export function checkIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/**
 * `lower(column) LIKE %needle%` with the needle's wildcards escaped, case-insensitive on both
 * databases. For small tables only (staff, products): big ones use the search index.
 */
export function containsIgnoringCase(column: string, needle: string) {
  const pattern = `%${escapeLike(needle.toLowerCase())}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** Whether `db` talks to PostgreSQL: by its dialect's adapter class, not by any name. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * `SELECT … FOR UPDATE` on PostgreSQL (row locks under READ COMMITTED); SQLite needs none,
 * because a write transaction there already holds the database's single write lock.
 */
export function forUpdate<QB extends { forUpdate(): QB }>(db: Kysely<any>, qb: QB): QB {
  return isPostgres(db) ? qb.forUpdate() : qb;
}

/**
 * PostgreSQL's FOR NO KEY UPDATE: locks a row against other writers but not against rows of
 * other tables that reference it being inserted meanwhile (their foreign-key check takes FOR KEY
 * SHARE, which FOR UPDATE blocks). SQLite runs one writer at a time.
 */
export function forNoKeyUpdate<QB extends { forNoKeyUpdate(): QB }>(db: Kysely<any>, qb: QB): QB {
  return isPostgres(db) ? qb.forNoKeyUpdate() : qb;
}

/**
 * Whether this process's transactions can run side by side: PostgreSQL gives each its own
 * connection from the pool; SQLite has one connection, on which they take turns.
 */
export function runsTransactionsSideBySide(db: Kysely<any>): boolean {
  return isPostgres(db);
}

/** `column LIKE %term%` with wildcards in the term escaped; case-sensitive (compare normalised text). */
export function likeContains(column: string, term: string) {
  return sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(term)}%`} escape '\\'`;
}

/** Byte-order comparison on PostgreSQL whatever the database's collation (SQLite compares bytes already). */
export function binaryCollation(column: ColumnDefinitionBuilder, dialect: 'sqlite' | 'postgres'): ColumnDefinitionBuilder {
  return dialect === 'postgres' ? column.modifyEnd(sql`collate "C"`) : column;
}

/**
 * Serialises the duplicate check with the insert that follows it. Under PostgreSQL's READ
 * COMMITTED two transactions could otherwise both check, find nothing, and both insert a
 * look-alike; the transaction-scoped advisory lock makes the second wait for the first's
 * commit. SQLite allows one writer at a time, and Kysely runs our transactions one after
 * another on its single connection, so it needs nothing.
 */
export async function lockForDuplicateCheck(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(7101)`.execute(db);
}

/**
 * On SQLite, a table whose primary key is all it is looked up by is stored WITHOUT ROWID: one
 * B-tree instead of two, half the writes for the n-gram index.
 */
export function withoutRowid<T extends string, C extends string>(table: CreateTableBuilder<T, C>, dialect: 'sqlite' | 'postgres') {
  return dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table;
}

/**
 * `column IN (subquery)` for a subquery of ids that is best computed first. PostgreSQL gets
 * `column = ANY(ARRAY(subquery))`: the subquery runs once and the ids drive primary-key lookups,
 * instead of the planner misjudging a LIKE filter and scanning the whole table with the
 * subquery as a nested probe.
 */
export function inIds(db: Kysely<any>, column: string, subquery: { compile(...args: never[]): unknown }) {
  return isPostgres(db)
    ? sql<boolean>`${sql.ref(column)} = any(array(${subquery as never}))`
    : sql<boolean>`${sql.ref(column)} in (${subquery as never})`;
}

/** SUM of an integer money expression, as exact text (read it with `fenOfSum`). */
export type ExactSum = (expr: Expression<unknown>) => RawBuilder<string | null>;

const sqliteOverflowProof: ExactSum = (expr) => sql`sum((${expr}) / 1000000) || ':' || sum((${expr}) % 1000000)`;

/**
 * Runs a query whose money sums must be exact over any number of rows. PostgreSQL's
 * sum(bigint) is an exact numeric. SQLite's sum() is exact (as text) until it fails with
 * "integer overflow" past 2^63; only then is the query run again with the millions and the
 * rest summed apart (`high:low`): two sums per row, so not every time.
 */
export async function withExactSums<T>(db: Kysely<any>, run: (sum: ExactSum) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return run((expr) => sql`sum(${expr})`);
  try {
    return await run((expr) => sql`cast(sum(${expr}) as text)`);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes('integer overflow')) throw err;
    return run(sqliteOverflowProof);
  }
}

/** The exact value of a SUM: withExactSums' text, PostgreSQL's numeric text, a number, or null (no rows). */
export function fenOfSum(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`sum ${value} is not an exact number of fen`);
    return BigInt(value);
  }
  const [high = '', low] = String(value).split(':');
  return low === undefined ? BigInt(high) : BigInt(high) * 1000000n + BigInt(low);
}
