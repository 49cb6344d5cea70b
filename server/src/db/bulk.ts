import { CompiledQuery, sql, type Expression, type Insertable, type Kysely, type SqlBool } from 'kysely';
import { isPostgres } from './dialect.js';
import type { DB } from './schema.js';
import { wellFormedText } from '../lib/well-formed.js';

// Set-at-a-time SQL of the import: a whole batch of rows, or of values to look up, travels as
// ONE parameter — a JSON text unpacked by SQLite's json_each, a JSON or array unpacked by
// PostgreSQL — instead of one bound parameter per value. A 1,000-row batch would otherwise need
// tens of thousands of parameters (SQLite allows 32,766, PostgreSQL 65,535), and both databases
// (and Kysely) spend longer compiling such a statement than running it; the statement text here
// stays the same whatever the batch size. The exception is inserting rows into SQLite: see
// insertRows.

/**
 * JSON text for the database. JSON.stringify writes a lone surrogate as an escape (\ud800),
 * which PostgreSQL refuses and SQLite would store as invalid UTF-8; a string parameter bound by
 * pg turns it into U+FFFD, and so does this.
 */
export function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  return /\\ud[89a-f]/.test(json) ? json.replace(/(?<=(?:^|[^\\])(?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, '\\ufffd') : json;
}

/**
 * Inserts rows (objects with the same keys) in the order given; with `returningId`, the new ids
 * in that order. Ids come from one sequence (SQLite rowid, PostgreSQL identity) assigned in the
 * order the rows are inserted, so sorting the returned ids restores the order of the rows.
 */
export async function insertRows<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: readonly Insertable<DB[T]>[], returningId = false): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const ids = isPostgres(db) ? await insertJsonRows(db, table, columns, rows, returningId) : await insertValueRows(db, table, columns, rows, returningId);
  return ids.sort((a, b) => a - b);
}

/** PostgreSQL: the rows as one JSON parameter. */
function insertJsonRows(db: Kysely<DB>, table: string, columns: string[], rows: readonly object[], returningId: boolean): Promise<number[]> {
  return insertJsonText(db, table, columns, toJson(rows), { returningId });
}

/**
 * PostgreSQL: inserts the rows of a JSON array text (toJson) in its order, the table's own row
 * type converting each value to its column's type, with `constants` (column → text value) the
 * same in every row; with `returningId`, the new ids, sorted (see insertRows).
 */
export async function insertJsonText(
  db: Kysely<DB>,
  table: string,
  columns: readonly string[],
  json: string,
  { returningId = false, constants = {} }: { returningId?: boolean; constants?: Record<string, string> },
): Promise<number[]> {
  const named = [...columns, ...Object.keys(constants)];
  const target = sql`${sql.table(table)} (${sql.join(named.map((c) => sql.ref(c)))})`;
  const picked = sql.join([...columns.map((c) => sql.ref(`r.${c}`)), ...Object.values(constants).map((v) => sql`${v}::text`)]);
  const returning = returningId ? sql` returning id` : sql``;
  const result = await sql<{ id: number | string }>`insert into ${target} select ${picked} from json_populate_recordset(null::${sql.table(table)}, ${json}::json) with ordinality as r order by r.ordinality${returning}`.execute(db);
  return result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** better-sqlite3 would bind a lone surrogate as invalid UTF-8; toJson writes U+FFFD, and so does this. */
function wellFormed(value: unknown): unknown {
  return typeof value === 'string' ? wellFormedText(value) : value;
}

/** Rows per SQLite statement: few statements per batch, and at most 21 × 128 parameters. */
const MAX_STATEMENT_ROWS = 128;

/**
 * SQLite: multi-row VALUES with bound parameters, MAX_STATEMENT_ROWS rows at a time and the rest
 * one power of two at a time, so that a table has at most 8 statement texts and the statement
 * cache prepares each once. Unpacking the rows from JSON (json_each, `value ->> i` per column)
 * cost SQLite more than inserting them into a table without indexes; the SQL is written here as
 * text because building it with Kysely costs as much again.
 */
async function insertValueRows(db: Kysely<DB>, table: string, columns: string[], rows: readonly object[], returningId: boolean): Promise<number[]> {
  const ids: number[] = [];
  for (let at = 0; at < rows.length; ) {
    let size = MAX_STATEMENT_ROWS;
    while (size > rows.length - at) size /= 2;
    const parameters: unknown[] = [];
    for (let i = at; i < at + size; i++) {
      const row = rows[i] as Record<string, unknown>;
      for (const c of columns) parameters.push(wellFormed(row[c] ?? null));
    }
    const text = insertText(table, columns, size, returningId);
    const result = await db.executeQuery<{ id: number }>(CompiledQuery.raw(text, parameters));
    for (const r of result.rows) ids.push(Number(r.id));
    at += size;
  }
  return ids;
}

// The statement texts, made once: the same string each time is hashed once by the statement
// cache's map, where a long text built anew was hashed at every statement.
const insertTexts = new Map<string, string>();
function insertText(table: string, columns: readonly string[], size: number, returningId: boolean): string {
  const key = `${table}|${columns.join(',')}|${size}|${returningId}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array(size).fill(tuple).join(', ')}${returningId ? ' returning id' : ''}`;
    insertTexts.set(key, text);
  }
  return text;
}

/** `column IN (values)` with the values as one parameter. */
export function inValues(db: Kysely<DB>, column: string, values: readonly (string | number)[]): Expression<SqlBool> {
  if (isPostgres(db)) {
    const type = typeof values[0] === 'number' ? sql`bigint[]` : sql`text[]`;
    return sql<SqlBool>`${sql.ref(column)} = any(${values}::${type})`;
  }
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${toJson(values)}))`;
}

/**
 * Rows of text values as a table `alias` with the given columns, for joining: SQLite reads them
 * first and probes the other table's index once per row (an IN list would first be copied into
 * a temporary index); PostgreSQL unnests one array per column.
 */
export function valuesTable<A extends string, C extends string>(db: Kysely<DB>, alias: A, columns: readonly C[], rows: readonly string[][]) {
  if (isPostgres(db)) {
    const arrays = sql.join(columns.map((_, i) => sql`${rows.map((r) => r[i]!)}::text[]`));
    return sql<Record<C, string>>`(select * from unnest(${arrays}) as t(${sql.join(columns.map((c) => sql.ref(c)))}))`.as(alias);
  }
  if (columns.length === 1) {
    // One column: a flat JSON array, its elements taken as they are.
    return sql<Record<C, string>>`(select value as ${sql.ref(columns[0]!)} from json_each(${toJson(rows.map((r) => r[0]!))}))`.as(alias);
  }
  const picked = sql.join(columns.map((c, i) => sql`value ->> ${sql.lit(i)} as ${sql.ref(c)}`));
  return sql<Record<C, string>>`(select ${picked} from json_each(${toJson(rows)}))`.as(alias);
}

/**
 * One column of text values as a table, from a JSON array already written (toJson): the
 * validation thread writes the name substrings of a batch as one string, which crosses to the
 * main thread in one copy instead of tens of thousands.
 */
export function jsonValuesTable<A extends string, C extends string>(db: Kysely<DB>, alias: A, column: C, json: string) {
  // Unpacked by the database: parsed here and bound as an array, the same text cost the main
  // thread a large share of a validation on PostgreSQL (JSON.parse, then pg's array quoting).
  if (isPostgres(db)) return sql<Record<C, string>>`(select value as ${sql.ref(column)} from json_array_elements_text(${json}::json))`.as(alias);
  return sql<Record<C, string>>`(select value as ${sql.ref(column)} from json_each(${json}))`.as(alias);
}
