import { sql, type Expression, type Insertable, type Kysely, type SqlBool } from 'kysely';
import { isPostgres } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';

// Set-at-a-time SQL of the import: a whole batch of rows, or of values to look up, travels as
// ONE parameter — a JSON text unpacked by SQLite's json_each, a JSON or array unpacked by
// PostgreSQL — instead of one bound parameter per value. A 1,000-row batch would otherwise need
// tens of thousands of parameters (SQLite allows 32,766, PostgreSQL 65,535), and both databases
// (and Kysely) spend longer compiling such a statement than running it; the statement text here
// stays the same whatever the batch size.

/**
 * JSON text for the database. JSON.stringify writes a lone surrogate as an escape (\ud800),
 * which PostgreSQL refuses and SQLite would store as invalid UTF-8; a bound string parameter
 * turns it into U+FFFD, and so does this.
 */
export function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  return /\\ud[89a-f]/.test(json) ? json.replace(/(?<=(?:^|[^\\])(?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, '\\ufffd') : json;
}

/**
 * Inserts rows (objects with the same keys) with one statement, in the order given; with
 * `returningId`, the new ids in that order. Ids come from one sequence (SQLite rowid,
 * PostgreSQL identity) assigned in the order the SELECT yields the rows, so sorting the returned
 * ids restores the order of the rows.
 */
export async function insertRows<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: readonly Insertable<DB[T]>[], returningId = false): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const target = sql`${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})`;
  const returning = returningId ? sql` returning id` : sql``;
  let query;
  if (isPostgres(db)) {
    // The table's own row type converts each JSON value to its column's type.
    const picked = sql.join(columns.map((c) => sql.ref(`r.${c}`)));
    query = sql<{ id: number }>`insert into ${target} select ${picked} from json_populate_recordset(null::${sql.table(table)}, ${toJson(rows)}::json) with ordinality as r order by r.ordinality${returning}`;
  } else {
    // Arrays rather than objects: the keys are not repeated in every row of the JSON.
    const arrays = rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c] ?? null));
    const picked = sql.join(columns.map((_, i) => sql`value ->> ${sql.lit(i)}`));
    query = sql<{ id: number }>`insert into ${target} select ${picked} from json_each(${toJson(arrays)}) order by key${returning}`;
  }
  const result = await query.execute(db);
  return returningId ? result.rows.map((r) => Number(r.id)).sort((a, b) => a - b) : [];
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
