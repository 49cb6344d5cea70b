import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, sharedTestDatabase } from './harness.js';
import { Client, spawnServer, type ServerProcess } from './process.js';

// Several app processes on one database, with no shared memory: what a load balancer in front
// of two Kehu processes relies on. On PostgreSQL (the scale-out case) and on SQLite alike.

const dir = mkdtempSync(join(tmpdir(), 'kehu-procs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const kind of databaseKinds()) {
  describe(`two app processes on one ${kind} database`, () => {
    let a: ServerProcess;
    let b: ServerProcess;
    let drop: () => Promise<void>;
    let statusId: string;
    const admin = () => new Client(a.baseUrl);
    let adminA: Client;

    beforeAll(async () => {
      const shared = await sharedTestDatabase(kind, dir);
      drop = shared.drop;
      const env = { DATABASE_URL: shared.url, KEHU_LOGIN_MAX_FAILURES_PER_USER: '3', KEHU_LOGIN_MAX_FAILURES_PER_IP: '1000' };
      a = await spawnServer(env);
      b = await spawnServer(env);
      adminA = admin();
      await adminA.call('POST', '/api/setup', { username: 'admin', displayName: '管理员', password: 'correct-horse-9' });
      for (const [u, n] of [['zs', '张三'], ['ls', '李四'], ['victim', '受害者']]) {
        await adminA.call('POST', '/api/users', { username: u, displayName: n, role: 'sales', password: 'correct-horse-9' });
      }
      statusId = (await adminA.call('GET', '/api/customer-statuses')).body[0].id;
    }, 60_000);

    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await drop?.();
    });

    it('accepts a session made by one process on the other, and logout on one ends it on both', async () => {
      const onA = new Client(a.baseUrl);
      await onA.call('POST', '/api/auth/login', { username: 'zs', password: 'correct-horse-9' });
      const onB = onA.on(b.baseUrl);
      expect((await onB.call('GET', '/api/auth/me')).body.username).toBe('zs');
      await onB.call('POST', '/api/auth/logout');
      expect((await onA.call('GET', '/api/auth/me')).status).toBe(401);
    });

    it('counts failed logins across both processes', async () => {
      const statuses = [];
      for (const base of [a.baseUrl, b.baseUrl, a.baseUrl, b.baseUrl]) {
        statuses.push((await new Client(base).call('POST', '/api/auth/login', { username: 'victim', password: 'wrong-guess' })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    });

    it('gives exactly one success and one 409 to simultaneous edits of one customer', async () => {
      const zs = new Client(a.baseUrl);
      await zs.call('POST', '/api/auth/login', { username: 'zs', password: 'correct-horse-9' });
      const c = (await zs.call('POST', '/api/customers', { name: '并发编辑公司', keyword: '并发编辑', statusId })).body;
      for (let round = 0; round < 3; round++) {
        const current = (await zs.call('GET', `/api/customers/${c.id}`)).body;
        const results = await Promise.all([
          zs.call('PATCH', `/api/customers/${c.id}`, { version: current.version, notes: `A${round}` }),
          zs.on(b.baseUrl).call('PATCH', `/api/customers/${c.id}`, { version: current.version, notes: `B${round}` }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      }
    });

    it('holds the duplicate check under simultaneous creates on both processes', async () => {
      const zs = new Client(a.baseUrl);
      await zs.call('POST', '/api/auth/login', { username: 'zs', password: 'correct-horse-9' });
      const ls = new Client(b.baseUrl);
      await ls.call('POST', '/api/auth/login', { username: 'ls', password: 'correct-horse-9' });
      for (let round = 0; round < 4; round++) {
        const results = await Promise.all([
          zs.call('POST', '/api/customers', { name: `双进程${round}号科技有限公司`, keyword: `双进程${round}号`, statusId }),
          ls.call('POST', '/api/customers', { name: `上海双进程${round}号分公司`, keyword: `双进程${round}号上海`, statusId }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      }
    });

    it('applies a revoked grant on both processes at the next request', async () => {
      const zs = new Client(a.baseUrl);
      await zs.call('POST', '/api/auth/login', { username: 'zs', password: 'correct-horse-9' });
      const ls = new Client(b.baseUrl);
      await ls.call('POST', '/api/auth/login', { username: 'ls', password: 'correct-horse-9' });
      const lsId = (await ls.call('GET', '/api/auth/me')).body.id;
      const c = (await zs.call('POST', '/api/customers', { name: '双进程授权公司', keyword: '双进程授权', statusId })).body;
      const grant = (await zs.call('POST', '/api/delegations', { customerIds: [c.id], toUserId: lsId })).body.items[0];
      expect((await ls.call('GET', `/api/customers/${c.id}`)).status).toBe(200);
      expect((await ls.on(a.baseUrl).call('GET', `/api/customers/${c.id}`)).status).toBe(200);
      await zs.on(b.baseUrl).call('POST', `/api/delegations/${grant.id}/revoke`);
      expect((await ls.call('GET', `/api/customers/${c.id}`)).status).toBe(404);
      expect((await ls.on(a.baseUrl).call('GET', `/api/customers/${c.id}`)).status).toBe(404);
    });
  });
}
