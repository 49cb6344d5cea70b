// `node --import tsx bench/roundtrips.ts [--db sqlite|postgres] [--requests 400] [--print-sql]`
//
// What one customer create and one update cost, away from the big data set: the statements each
// sends to PostgreSQL (each is a round trip between Node and the server), and their latency
// through the HTTP layer (app.inject) on a fresh, small database. On PostgreSQL at a million
// customers the create and update goals are missed mostly by round trips
// (docs/performance.md), so this is the quick check of a change to those paths; the latency
// goals themselves are judged by `npm run bench` only.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { createDb } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'postgres' }, requests: { type: 'string', default: '400' }, 'print-sql': { type: 'boolean', default: false } },
});
const requests = Number(values.requests);
const serverUrl = process.env.ROUNDTRIPS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCRATCH = 'kehu_roundtrips';

// Every statement the pool sends goes through Client#query.
let statements = 0;
let printing = false;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
  statements += 1;
  if (printing) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
    console.log(`  ${String(text).replace(/\s+/g, ' ').slice(0, 140)}`);
  }
  return query.apply(this, args);
};

async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (values.db !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'kehu-roundtrips-'));
    return { url: `sqlite:${join(dir, 'kehu.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`drop database if exists ${SCRATCH}`);
  await admin.query(`create database ${SCRATCH}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${SCRATCH}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client(serverUrl);
      await again.connect();
      await again.query(`drop database if exists ${SCRATCH}`);
      await again.end();
    },
  };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;

async function main() {
  const scratch = await scratchDatabase();
  const database = createDb(scratch.url);
  try {
    await migrateToLatest(database.db);
    const config = loadConfig({ LOG_LEVEL: 'error', KEHU_SCRYPT_N: '1024', KEHU_DUPLICATE_CHECKS_PER_MINUTE: '1000000', KEHU_DUPLICATE_CHECKS_PER_DAY: '100000000' });
    const { app } = await buildApp({ config, database });
    await app.ready();
    const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { username: 'admin', displayName: '管理员', password: 'roundtrips-1' } });
    const cookie = String(setup.headers['set-cookie']).split(';')[0]!;
    const statusId = JSON.parse((await app.inject({ method: 'GET', url: '/api/customer-statuses', headers: { cookie } })).body)[0].id as string;

    const measure = async (label: string, send: (i: number) => Promise<void>) => {
      const times: number[] = [];
      const before = statements;
      for (let i = 0; i < requests; i++) {
        printing = values['print-sql'] && i === requests - 1;
        if (printing) console.log(`${label}, statements of the last request:`);
        const started = performance.now();
        await send(i);
        times.push(performance.now() - started);
      }
      printing = false;
      // The first quarter warms up (statement caches, JIT) and is left out of the percentiles.
      const warm = times.slice(Math.floor(requests / 4));
      const perRequest = values.db === 'postgres' ? ` · ${((statements - before) / requests).toFixed(1)} statements` : '';
      console.log(`${label.padEnd(7)} p50 ${percentile(warm, 0.5).toFixed(2)} ms · p99 ${percentile(warm, 0.99).toFixed(2)} ms${perRequest}`);
    };

    const created: { id: string; version: number }[] = [];
    await measure('create', async (i) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/customers',
        headers: { cookie },
        payload: { name: `往返测试${i}号贸易有限公司`, keyword: `往返测试${i}号`, statusId, phone: `0571-${80000000 + i}` },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      const body = JSON.parse(res.body) as { id: string; version: number };
      created.push({ id: body.id, version: body.version });
    });
    await measure('update', async (i) => {
      const c = created[i]!;
      const res = await app.inject({ method: 'PATCH', url: `/api/customers/${c.id}`, headers: { cookie }, payload: { version: c.version, phone: '13912345678', notes: '回访' } });
      if (res.statusCode !== 200) throw new Error(res.body);
    });
    await app.close();
  } finally {
    await database.close();
    await scratch.drop();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
