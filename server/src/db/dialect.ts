import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

// The only place that knows which database it is talking to (ARCHITECTURE.md §5).

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
 * databases. For small tables only (staff, products): big ones use the n-gram index.
 */
export function containsIgnoringCase(column: string, needle: string) {
  const pattern = `%${escapeLike(needle.toLowerCase())}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
}

/**
 * `SELECT … FOR UPDATE` on PostgreSQL (row locks under READ COMMITTED); SQLite needs none,
 * because a write transaction there already holds the database's single write lock.
 */
export function forUpdate<QB extends { forUpdate(): QB }>(db: Kysely<any>, qb: QB): QB {
  return isPostgres(db) ? qb.forUpdate() : qb;
}
