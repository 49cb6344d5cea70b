import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/database.js';
import { inconsistencies } from './consistency.js';
import { Client, spawnServer } from './process.js';

// Crash safety and online backup, against the real server process on an SQLite file.

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'kehu-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kehu(dbFile: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `sqlite:${dbFile}`, KEHU_SCRYPT_N: '1024', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
}

async function seed(baseUrl: string) {
  const admin = new Client(baseUrl);
  await admin.call('POST', '/api/setup', { username: 'admin', displayName: '管理员', password: 'correct-horse-9' });
  await admin.call('POST', '/api/users', { username: 'zs', displayName: '张三', role: 'sales', password: 'correct-horse-9' });
  const sales = new Client(baseUrl);
  await sales.call('POST', '/api/auth/login', { username: 'zs', password: 'correct-horse-9' });
  const statusId = (await sales.call('GET', '/api/customer-statuses')).body[0].id as string;
  const product = (await admin.call('POST', '/api/products', { code: 'C-1', name: '服务', price: '100.00' })).body.id as string;
  return { admin, sales, statusId, product };
}

/** Writes customers with a contact, a purchase and a payment, as fast as acknowledged. */
async function writeUntilStopped(c: Client, statusId: string, product: string, acked: string[], stop: { now: boolean }) {
  for (let i = 0; !stop.now; i++) {
    const keyword = `崩溃${process.pid}${acked.length}x${i}${Math.random().toString(36).slice(2, 6)}`;
    try {
      const res = await c.call('POST', '/api/customers', { name: `${keyword}公司`, keyword, statusId, confirmDuplicate: true });
      if (res.status !== 201) continue;
      acked.push(res.body.id);
      await c.call('POST', `/api/customers/${res.body.id}/contacts`, { name: '联系人', mobile: '13800000000' });
      const p = await c.call('POST', `/api/customers/${res.body.id}/purchases`, { productId: product, quantity: 1, purchasedOn: '2026-01-01' });
      if (p.status === 201) await c.call('POST', `/api/customers/${res.body.id}/purchases/${p.body.id}/payments`, { amount: '30.00', paidOn: '2026-01-02' });
    } catch {
      return; // the server died under us
    }
  }
}

describe('crash safety', () => {
  it('keeps every acknowledged write and a consistent database when killed with SIGKILL mid-write', async () => {
    const file = join(dir, 'crash.db');
    const server = await spawnServer({ DATABASE_URL: `sqlite:${file}` });
    const { sales, statusId, product } = await seed(server.baseUrl);
    const acked: string[] = [];
    const stop = { now: false };
    const writers = Array.from({ length: 4 }, () => writeUntilStopped(sales.on(server.baseUrl), statusId, product, acked, stop));
    await new Promise((r) => setTimeout(r, 1500));
    await server.kill();
    stop.now = true;
    await Promise.all(writers);
    expect(acked.length).toBeGreaterThan(10);

    const db = createDb(`sqlite:${file}`);
    try {
      const ids = new Set((await db.db.selectFrom('customers').select('id').execute()).map((r) => String(r.id)));
      expect(acked.filter((id) => !ids.has(id))).toEqual([]);
      expect(await inconsistencies(db.db)).toEqual([]);
    } finally {
      await db.close();
    }
    // And it starts again on that database.
    const again = await spawnServer({ DATABASE_URL: `sqlite:${file}` });
    const c = new Client(again.baseUrl);
    expect((await c.call('POST', '/api/auth/login', { username: 'zs', password: 'correct-horse-9' })).status).toBe(200);
    expect((await c.call('GET', '/api/customers?pageSize=1')).body.total).toBeGreaterThanOrEqual(acked.length);
    await again.stop();
  }, 90_000);
});

describe('backup and restore', () => {
  it('backs up online while the server writes, and restores the backup', async () => {
    const file = join(dir, 'live.db');
    const server = await spawnServer({ DATABASE_URL: `sqlite:${file}` });
    const { sales, statusId, product } = await seed(server.baseUrl);
    const acked: string[] = [];
    const stop = { now: false };
    const writing = writeUntilStopped(sales, statusId, product, acked, stop);
    await new Promise((r) => setTimeout(r, 800));
    const backupFile = join(dir, 'backup.db');
    const backup = kehu(file, ['backup', backupFile]);
    const ackedAtBackup = acked.length;
    expect(backup.status, backup.stderr).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    stop.now = true;
    await writing;
    await server.stop();
    expect(acked.length).toBeGreaterThan(ackedAtBackup);

    // The backup is a consistent database on its own.
    const copy = createDb(`sqlite:${backupFile}`);
    const inBackup = Number((await copy.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await inconsistencies(copy.db)).toEqual([]);
    await copy.close();
    expect(inBackup).toBeGreaterThan(0);
    expect(inBackup).toBeLessThan(acked.length);

    const restore = kehu(file, ['restore', backupFile]);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/kept as/);
    const restored = await spawnServer({ DATABASE_URL: `sqlite:${file}` });
    const c = new Client(restored.baseUrl);
    await c.call('POST', '/api/auth/login', { username: 'zs', password: 'correct-horse-9' });
    expect((await c.call('GET', '/api/customers?pageSize=1')).body.total).toBe(inBackup);
    await restored.stop();

    expect(kehu(file, ['restore', join(dir, 'missing.db')]).status).not.toBe(0);
  }, 90_000);
});
