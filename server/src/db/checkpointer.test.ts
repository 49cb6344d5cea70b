import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './database.js';

const walSize = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

/**
 * Commits transactions of `rows` rows of ~16 kB back to back for `ms`, each open for `openMs` at
 * least. Returns the largest WAL file seen after a commit, and how many times the file shrank
 * (it is cut back only when the WAL restarts).
 */
async function writeFor(db: Kysely<any>, file: string, ms: number, o: { rows?: number; openMs?: number } = {}): Promise<{ peak: number; cuts: number }> {
  let peak = 0;
  let cuts = 0;
  let last = walSize(file);
  for (const until = Date.now() + ms; Date.now() < until; ) {
    await db.transaction().execute(async (trx) => {
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${o.rows ?? 1})
        insert into t (v) select printf('%.16000c', 'x') from n`.execute(trx);
      if (o.openMs) await new Promise((r) => setTimeout(r, o.openMs));
    });
    const size = walSize(file);
    if (size < last) cuts++;
    last = size;
    peak = Math.max(peak, size);
  }
  return { peak, cuts };
}

describe('SQLite checkpoints in a worker thread', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('leaves the commits alone and copies the WAL into the database file from the worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehu-ckpt-'));
    dirs.push(dir);
    const file = join(dir, 'k.db');
    const database = createDb(`sqlite:${file}`);
    const { db } = database;
    const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    expect(auto.rows[0]!.wal_autocheckpoint).toBe(0);
    await sql`create table t (id integer primary key, v text)`.execute(db);
    const before = statSync(file).size;
    // ~4 MB in 40 transactions: with automatic checkpoints off, only the worker can move it.
    for (let i = 0; i < 40; i++) {
      await db.transaction().execute(async (trx) => {
        await sql`insert into t (v) select printf('%.100000c', 'x')`.execute(trx);
      });
    }
    const deadline = Date.now() + 10_000;
    while (statSync(file).size <= before + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(before + 1_000_000);
    await database.close();
    // The last connection to close checkpoints everything and removes the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('restarts a WAL that commits never let the passive checkpoints catch up with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehu-ckpt-'));
    dirs.push(dir);
    const file = join(dir, 'k.db');
    const restartBytes = 1024 * 1024;
    const database = createDb(`sqlite:${file}`, { walRestartBytes: restartBytes });
    try {
      await sql`create table t (id integer primary key, v text)`.execute(database.db);
      // Tens of MiB go through the WAL, in commits with no pause between them for the worker to
      // take the write lock in; without restarts its file would only grow.
      const { cuts } = await writeFor(database.db, file, 4000);
      expect(cuts).toBeGreaterThanOrEqual(3);
    } finally {
      await database.close();
    }
  });

  it('restarts it between long transactions, which wait for the restart to finish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehu-ckpt-'));
    dirs.push(dir);
    const file = join(dir, 'k.db');
    const restartBytes = 1024 * 1024;
    const database = createDb(`sqlite:${file}`, { walRestartBytes: restartBytes });
    try {
      await sql`create table t (id integer primary key, v text)`.execute(database.db);
      // Like an import's batches: ~2 MB each, open far longer than the worker waits for a lock.
      const { cuts } = await writeFor(database.db, file, 5000, { rows: 128, openMs: 400 });
      expect(cuts).toBeGreaterThanOrEqual(3);
    } finally {
      await database.close();
    }
  });

  it('cannot restart the WAL under a reader holding an old snapshot, and does once it is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehu-ckpt-'));
    dirs.push(dir);
    const file = join(dir, 'k.db');
    const restartBytes = 1024 * 1024;
    const database = createDb(`sqlite:${file}`, { walRestartBytes: restartBytes });
    const reader = new SQLite(file);
    try {
      await sql`create table t (id integer primary key, v text)`.execute(database.db);
      // A read transaction (another process, or a statement still iterating) pins its snapshot:
      // no checkpoint may copy the frames after it, so the WAL grows while it lasts.
      reader.exec('begin');
      reader.prepare('select count(*) from t').get();
      const pinned = await writeFor(database.db, file, 1500);
      expect(pinned.cuts).toBe(0);
      expect(pinned.peak).toBeGreaterThan(4 * restartBytes);
      reader.exec('commit');
      // Once it ends, the next restart lets a commit start the WAL over and cut its file back.
      const deadline = Date.now() + 10_000;
      while (walSize(file) > restartBytes && Date.now() < deadline) await writeFor(database.db, file, 50);
      expect(walSize(file)).toBeLessThanOrEqual(restartBytes);
    } finally {
      reader.close();
      await database.close();
    }
  });
});
