import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './database.js';

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
});
