import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import { WAL_RESTART_MIB, startCheckpointer, type Checkpointer, type TransactionGate } from './checkpointer.js';
import type { DB } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** A short description without credentials, for logs. */
  describe: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (bigint ids, count(*)) as strings; our ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * SQLite transactions start with BEGIN IMMEDIATE: every Kehu transaction writes, and a deferred
 * one that reads first cannot upgrade to a write lock while another process writes (it fails at
 * once with SQLITE_BUSY instead of waiting). IMMEDIATE takes the write lock up front, waiting up
 * to busy_timeout — so several processes can share one database file.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    config: SqliteDialectConfig,
    private gate?: TransactionGate,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const gate = this.gate;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      // Not while the checkpoint worker restarts the WAL (checkpointer.ts).
      const wait = gate?.beforeBegin();
      if (wait) await wait;
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      gate?.began();
    };
    if (gate) {
      const commit = driver.commitTransaction.bind(driver);
      const rollback = driver.rollbackTransaction.bind(driver);
      driver.commitTransaction = (connection) => commit(connection).finally(gate.ended);
      driver.rollbackTransaction = (connection) => rollback(connection).finally(gate.ended);
    }
    return driver;
  }
}

/**
 * better-sqlite3 with prepared statements kept by SQL text. Kysely prepares every query it runs,
 * and compiling the statement cost as much as running it for the list and detail queries (a CPU
 * profile under load). Queries built by the app have a bounded set of shapes, so a small LRU map
 * holds nearly all of them. A statement still iterating (a streamed
 * export) is busy: the next caller gets a fresh one instead. SQLite re-prepares a cached
 * statement by itself after a schema change.
 */
export function withStatementCache(sqlite: SQLite.Database, capacity = 256) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const stmt = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, stmt);
        if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

export interface DbOptions {
  /** SQLite: the WAL size past which it is restarted (checkpointer.ts). */
  walRestartBytes?: number;
}

/** `sqlite:./data/kehu.db`, `sqlite::memory:` or `postgres://…`. */
export function createDb(url: string, options: DbOptions = {}): Database {
  if (isPostgresUrl(url)) {
    // No parallel query: the app runs many small queries at once, and on a small machine
    // launching workers for one of them costs more than it saves (docs/decisions/0005).
    // The search index's pending list at 512 kB: every search reads it whole (an import's
    // transactions raise it; search/postgres-term-store.ts, migration 1900).
    const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c max_parallel_workers_per_gather=0 -c gin_pending_list_limit=512' });
    // An idle pooled connection can fail (server restart, terminated backend); without a
    // listener that would crash the process. The pool replaces the connection by itself.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.error(`PostgreSQL connection error: ${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const safe = new URL(url);
    return {
      db,
      dialect: 'postgres',
      describe: `postgres://${safe.host}${safe.pathname}`,
      close: () => db.destroy(),
    };
  }
  if (!url.startsWith('sqlite:')) {
    throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:")`);
  }
  const path = url.slice('sqlite:'.length);
  const isMemory = path === ':memory:';
  if (!isMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SQLite(isMemory ? ':memory:' : path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (the default 2 MiB thrashed on the search index at a million customers)
  // and memory-mapped reads.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('temp_store = memory');
  // Checkpoints run in a worker thread, not inside a request's COMMIT (checkpointer.ts).
  let checkpointer: Checkpointer | undefined;
  if (!isMemory) {
    const restartBytes = options.walRestartBytes ?? WAL_RESTART_MIB * 1024 * 1024;
    // The commit that restarts the WAL cuts its file back to this size.
    sqlite.pragma(`journal_size_limit = ${restartBytes}`);
    sqlite.pragma('wal_autocheckpoint = 0');
    checkpointer = startCheckpointer(
      resolve(path),
      (reason) => {
        console.error(`SQLite checkpoint worker failed (${reason}); checkpoints return to the committing request`);
        if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
      },
      { restartBytes },
    );
  }
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }, checkpointer?.gate) });
  return {
    db,
    dialect: 'sqlite',
    describe: `sqlite:${isMemory ? ':memory:' : resolve(path)}`,
    close: async () => {
      // The worker's connection first: the last connection to close checkpoints the whole WAL.
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
