// `node --import tsx bench/explain.ts --customers 200000 [--db postgres]`
//
// Runs the bench's operations through the server's own services (not HTTP) on a Kysely that
// records every query, then prints each query with its time and its plan: SQLite
// `EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN (ANALYZE, BUFFERS)`. For the "What limits it"
// section of docs/performance-history.md.

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/src/config.js';
import { today, type AppContext } from '../server/src/context.js';
import type { DB } from '../server/src/db/schema.js';
import { findDuplicates } from '../server/src/modules/duplicates/find.js';
import { listDuplicateGroups } from '../server/src/modules/duplicates/groups.js';
import * as customers from '../server/src/modules/customers/service.js';
import * as reports from '../server/src/modules/reports/service.js';
import type { Actor } from '../server/src/policy/actor.js';
import * as activities from '../server/src/modules/activities/service.js';
import * as contacts from '../server/src/modules/contacts/service.js';
import * as delegations from '../server/src/modules/delegations/service.js';
import * as purchases from '../server/src/modules/purchases/service.js';
import * as quotes from '../server/src/modules/quotes/service.js';
import { DELEGATE_ID, SALES_ID } from './generate.js';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    db: { type: 'string', default: 'sqlite' },
    only: { type: 'string' },
    'min-ms': { type: 'string', default: '0' },
  },
});
const isPg = args.db === 'postgres';
const minMs = Number(args['min-ms']);

const captured: { sql: string; params: readonly unknown[]; ms: number }[] = [];
const log = (e: LogEvent) => {
  if (e.level === 'query') captured.push({ sql: e.query.sql, params: e.query.parameters, ms: e.queryDurationMillis });
};
let sqlite: SQLite.Database | undefined;
let pool: pg.Pool | undefined;
let db: Kysely<DB>;
if (isPg) {
  // The app's session settings (server/src/db/database.ts).
  pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kehu_bench', max: 4, options: '-c max_parallel_workers_per_gather=0' });
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
} else {
  sqlite = new SQLite(join(import.meta.dirname, 'data', `kehu-${args.customers}-s${args.seed}.db`), { readonly: true });
  db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log });
}
const ctx: AppContext = {
  config: loadConfig({ LOG_LEVEL: 'silent' }),
  database: { db, dialect: isPg ? 'postgres' : 'sqlite', describe: 'explain', close: () => db.destroy() },
  clock: { now: () => new Date() },
  dummyPasswordHash: '',
};
const admin: Actor = { id: 1, username: 'admin', displayName: '管理员', role: 'admin' };
const sales: Actor = { id: SALES_ID, username: 'sales002', displayName: 'sales', role: 'sales' };
const delegate: Actor = { id: DELEGATE_ID, username: 'sales001', displayName: 'delegate', role: 'sales' };

const ops: [string, () => Promise<unknown>][] = [
  ['list status=1 page 1 (admin)', () => customers.listCustomers(ctx, admin, { statusId: '1', pageSize: 50 })],
  ['list status=1 page 1 (sales)', () => customers.listCustomers(ctx, sales, { statusId: '1', pageSize: 50 })],
  ['list status=1 page 1 (delegate)', () => customers.listCustomers(ctx, delegate, { statusId: '1', pageSize: 50 })],
  ['list status=2 middle page by number (admin)', async () => {
    const n = Number((await db.selectFrom('customer_counts').select((eb) => eb.fn.sum<number>('n').as('n')).where('status_id', '=', 2).executeTakeFirstOrThrow()).n);
    captured.length = 0;
    return customers.listCustomers(ctx, admin, { statusId: '2', pageSize: 50, page: Math.max(1, Math.floor(n / 100)) });
  }],
  ['search 中兴 (admin)', () => customers.listCustomers(ctx, admin, { q: '中兴', pageSize: 50 })],
  ['search 北京 (admin)', () => customers.listCustomers(ctx, admin, { q: '北京', pageSize: 50 })],
  ['search zx (admin)', () => customers.listCustomers(ctx, admin, { q: 'zx', pageSize: 50 })],
  ['search 中兴 (sales)', () => customers.listCustomers(ctx, sales, { q: '中兴', pageSize: 50 })],
  ['search zx (sales)', () => customers.listCustomers(ctx, sales, { q: 'zx', pageSize: 50 })],
  ['search 中兴 (delegate)', () => customers.listCustomers(ctx, delegate, { q: '中兴', pageSize: 50 })],
  ['search 北京 (delegate)', () => customers.listCustomers(ctx, delegate, { q: '北京', pageSize: 50 })],
  ['search phone 380013 (admin)', () => customers.listCustomers(ctx, admin, { q: '380013', pageSize: 50 })],
  ['duplicates 北京中兴通讯科技有限公司 / 中兴', () => findDuplicates(ctx.database.db, { name: '北京中兴通讯科技有限公司', keyword: '中兴' }, today(ctx))],
  ['duplicates 中兴通讯（上海）有限公司 / 中兴通讯', () => findDuplicates(ctx.database.db, { name: '中兴通讯（上海）有限公司', keyword: '中兴通讯' }, today(ctx))],
  ['duplicate groups page 1 (admin)', () => listDuplicateGroups(ctx, admin, 1, 20)],
  ['duplicate groups page 100 (admin)', () => listDuplicateGroups(ctx, admin, 100, 20)],
  ['detail: customer 4242 (admin)', () => customers.getCustomer(ctx, admin, 4242)],
  ['detail: contacts tab (admin)', () => contacts.listContacts(ctx, admin, 4242, 1, 50)],
  ['detail: activities tab (admin)', () => activities.listActivities(ctx, admin, 4242, {})],
  ['detail: quotes tab (admin)', () => quotes.listQuotes(ctx, admin, 4242, 1, 50)],
  ['detail: purchases tab (admin)', () => purchases.listPurchases(ctx, admin, 4242, 1, 50)],
  ['detail: delegations tab (admin)', () => delegations.customerDelegations(ctx, admin, 4242)],
  ['arrears report (admin)', () => reports.arrearsReport(ctx, admin, {})],
  ['annual-fee report within 30 days (admin)', () => reports.annualFeeReport(ctx, admin, { withinDays: 30 })],
];

for (const [name, run] of ops) {
  if (args.only && !name.includes(args.only)) continue;
  captured.length = 0;
  const t = performance.now();
  await run();
  const total = performance.now() - t;
  console.log(`\n### ${name} — ${total.toFixed(1)} ms, ${captured.length} queries`);
  for (const q of [...captured]) {
    if (q.ms < minMs) continue;
    console.log(`\n-- ${q.ms.toFixed(1)} ms\n${q.sql}\n-- params: ${JSON.stringify(q.params)}`);
    if (sqlite) {
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.params as unknown[])) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>([[0, 0]]);
      for (const p of plan) {
        const d = (depth.get(p.parent) ?? 0) + 1;
        depth.set(p.id, d);
        console.log(`${'  '.repeat(d)}${p.detail}`);
      }
    } else {
      const res = await pool!.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params as unknown[]);
      for (const r of res.rows) console.log(r['QUERY PLAN']);
    }
  }
}
await db.destroy();
