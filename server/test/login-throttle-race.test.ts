import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, sharedTestDatabase } from './harness.js';
import { Client, spawnServer, type ServerProcess } from './process.js';

// Parallel password guesses against real server processes sharing one database: at most the
// threshold of them may have their password checked (401); the rest wait (429). Once the delay
// has passed, the right password still gets in.

const THRESHOLD = 5;
const PASSWORD = 'correct-horse-9';
const dir = mkdtempSync(join(tmpdir(), 'kehu-throttle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let nextIp = 1;
/** A client address of its own (the servers trust X-Forwarded-For here). */
const freshIp = () => `10.24.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;

async function login(baseUrl: string, username: string, password: string, ip: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 0) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Checks the burst's answers, waits out the longest delay announced, and returns how many were checked. */
async function checkedThenWaited(results: Array<{ status: number; retryAfter: number }>) {
  const checked = results.filter((r) => r.status === 401).length;
  expect(results.map((r) => r.status).filter((s) => s !== 401 && s !== 429)).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(1);
  expect(checked).toBeLessThanOrEqual(THRESHOLD);
  await sleep(Math.max(...results.map((r) => r.retryAfter)) * 1000 + 200);
  return checked;
}

for (const kind of databaseKinds()) {
  describe(`parallel login attempts on one ${kind} database`, () => {
    let a: ServerProcess;
    let b: ServerProcess;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const shared = await sharedTestDatabase(kind, dir);
      drop = shared.drop;
      const env = {
        DATABASE_URL: shared.url,
        KEHU_TRUST_PROXY: 'true',
        KEHU_SCRYPT_N: '16384', // a password check that takes a while, as in production
        KEHU_LOGIN_MAX_FAILURES_PER_USER: String(THRESHOLD),
        KEHU_LOGIN_MAX_FAILURES_PER_IP: String(THRESHOLD),
        KEHU_LOGIN_DELAY_SECONDS: '1',
        KEHU_LOGIN_MAX_DELAY_SECONDS: '2',
      };
      a = await spawnServer(env);
      b = await spawnServer(env);
      const admin = new Client(a.baseUrl);
      await admin.call('POST', '/api/setup', { username: 'admin', displayName: '管理员', password: PASSWORD });
      for (const u of ['victim1', 'victim2', 'office']) {
        const res = await admin.call('POST', '/api/users', { username: u, displayName: u, role: 'sales', password: PASSWORD });
        expect(res.status).toBe(201);
      }
    }, 60_000);

    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await drop?.();
    });

    it('checks at most the threshold of 12 simultaneous guesses at one username, then admits the right password', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, () => login(a.baseUrl, 'victim1', 'wrong-guess', freshIp())));
      await checkedThenWaited(results);
      expect((await login(a.baseUrl, 'victim1', PASSWORD, freshIp())).status).toBe(200);
    });

    it('holds the threshold when the simultaneous guesses are spread over two processes', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login((i % 2 ? b : a).baseUrl, 'victim2', 'wrong-guess', freshIp())),
      );
      await checkedThenWaited(results);
      expect((await login(b.baseUrl, 'victim2', PASSWORD, freshIp())).status).toBe(200);
    });

    it('checks at most the threshold of simultaneous guesses from one address at many usernames', async () => {
      const ip = freshIp();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login((i % 2 ? b : a).baseUrl, `sprayed${i}`, 'wrong-guess', ip)),
      );
      await checkedThenWaited(results);
      expect((await login(a.baseUrl, 'office', PASSWORD, ip)).status).toBe(200);
    });
  });
}
