import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuiltApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { createDb, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ManualClock } from '../src/lib/clock.js';
import { adminQuery, withDatabase } from './global-setup.js';

// Every API test goes through the real HTTP layer (fastify.inject runs routing, parsing,
// validation, hooks and serialisation) against a freshly migrated database: SQLite always,
// PostgreSQL when TEST_DATABASE_URL is set (a clone of the migrated template per test file).

export type DbKind = 'sqlite' | 'postgres';

export function databaseKinds(): DbKind[] {
  return inject('pgTemplate') ? ['sqlite', 'postgres'] : ['sqlite'];
}

let cloneCounter = 0;

/** A fresh, migrated database for processes to share: an SQLite file or a PostgreSQL clone. */
export async function sharedTestDatabase(kind: DbKind, dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const url = `sqlite:${dir}/shared-${++cloneCounter}.db`;
    const database = createDb(url);
    await migrateToLatest(database.db);
    await database.close();
    return { url, drop: async () => {} };
  }
  const name = await clonePgTemplate();
  const admin = process.env.TEST_DATABASE_URL as string;
  return { url: withDatabase(admin, name), drop: async () => void (await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

async function clonePgTemplate(): Promise<string> {
  const url = process.env.TEST_DATABASE_URL as string;
  const name = `kehu_t_${inject('pgRunId')}_${process.pid}_${++cloneCounter}`;
  const template = inject('pgTemplate') as string;
  // The template is briefly busy if another worker is cloning it at the same moment.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${template}`);
      return name;
    } catch (err) {
      if (attempt >= 20 || !String(err).includes('being accessed')) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

async function openTestDatabase(kind: DbKind): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const database = createDb('sqlite::memory:');
    await migrateToLatest(database.db);
    return { database, drop: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const name = await clonePgTemplate();
  const database = createDb(withDatabase(url, name));
  return {
    database,
    drop: async () => {
      await database.close();
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export const TEST_PASSWORD = 'correct-horse-9';

export interface TestUser {
  id: string;
  username: string;
  displayName: string;
  role: 'admin' | 'sales' | 'staff';
  password: string;
}

/** A logged-in client: its cookie goes with every request. */
export interface Session {
  user: TestUser;
  cookie: string;
}

export interface Reply {
  status: number;
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

export interface RequestOptions {
  as?: Session | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw payload sent as is (no JSON encoding), e.g. malformed JSON. */
  raw?: string | Buffer;
  lang?: 'zh-CN' | 'en-US';
}

export class TestApp {
  private counter = 0;
  admin!: Session;

  constructor(
    readonly kind: DbKind,
    readonly built: BuiltApp,
    readonly clock: ManualClock,
  ) {}

  get app(): FastifyInstance {
    return this.built.app;
  }
  get ctx() {
    return this.built.ctx;
  }
  get db() {
    return this.built.ctx.database.db;
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.as) headers.cookie = options.as.cookie;
    if (options.lang) headers['accept-language'] = options.lang;
    let payload: string | Buffer | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method: method as 'GET', url, headers, payload });
    let body: unknown = undefined;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.statusCode, body, headers: res.headers, text: res.body };
  }

  get(url: string, as?: Session | null, options: RequestOptions = {}) {
    return this.request('GET', url, { ...options, as });
  }
  post(url: string, body: unknown, as?: Session | null, options: RequestOptions = {}) {
    return this.request('POST', url, { ...options, body, as });
  }
  patch(url: string, body: unknown, as?: Session | null, options: RequestOptions = {}) {
    return this.request('PATCH', url, { ...options, body, as });
  }
  delete(url: string, as?: Session | null, options: RequestOptions = {}) {
    return this.request('DELETE', url, { ...options, as });
  }

  /** Logs in; throws unless it works. */
  async login(user: TestUser): Promise<Session> {
    const res = await this.post('/api/auth/login', { username: user.username, password: user.password });
    if (res.status !== 200) throw new Error(`login of ${user.username} failed: ${res.status} ${res.text}`);
    return { user, cookie: cookieFrom(res) };
  }

  /** A request as the admin; logs the admin in again if a test moved the clock past the session. */
  async asAdmin(method: string, url: string, body?: unknown): Promise<Reply> {
    let res = await this.request(method, url, { as: this.admin, body });
    if (res.status === 401) {
      this.admin = await this.login(this.admin.user);
      res = await this.request(method, url, { as: this.admin, body });
    }
    return res;
  }

  unique(prefix: string): string {
    return `${prefix}${++this.counter}_${Math.random().toString(36).slice(2, 6)}`;
  }

  /** Creates a user through the API as the admin. */
  async createUser(role: TestUser['role'] = 'sales', overrides: Partial<TestUser> = {}): Promise<TestUser> {
    const username = overrides.username ?? this.unique(role);
    const displayName = overrides.displayName ?? `${role} ${username}`;
    const password = overrides.password ?? TEST_PASSWORD;
    const res = await this.asAdmin('POST', '/api/users', { username, displayName, role, password });
    if (res.status !== 201) throw new Error(`creating ${username} failed: ${res.status} ${res.text}`);
    return { id: res.body.id, username, displayName, role, password };
  }

  async sessionFor(role: TestUser['role']): Promise<Session> {
    return this.login(await this.createUser(role));
  }

  /** A user who was logged in and then disabled by the admin: their cookie must be worthless. */
  async disabledSession(): Promise<Session> {
    const session = await this.sessionFor('sales');
    const current = await this.asAdmin('GET', `/api/users/${session.user.id}`);
    const res = await this.asAdmin('PATCH', `/api/users/${session.user.id}`, { version: current.body.version, active: false });
    if (res.status !== 200) throw new Error(`disabling failed: ${res.status} ${res.text}`);
    return session;
  }

  /** Everything a denied request must leave untouched. */
  async snapshot(): Promise<string> {
    const tables = ['users', 'audit_log', 'app_meta', 'customers', 'customer_statuses', 'customer_counts', 'customer_arrears', 'duplicate_keys', 'generic_keywords', 'contacts', 'followups', 'delegations', 'suppliers', 'products', 'quotes', 'quote_lines', 'purchases', 'payments', 'annual_fee_payments', 'fee_reminders', 'api_tokens', 'imports', 'service_requests'] as const;
    const keys: Partial<Record<(typeof tables)[number], string>> = { app_meta: 'key', generic_keywords: 'word', customer_counts: 'owner_id', customer_arrears: 'customer_id', duplicate_keys: 'key' };
    const parts: unknown[] = [];
    for (const table of tables) {
      const rows = await this.db.selectFrom(table).selectAll().orderBy((keys[table] ?? 'id') as never).execute();
      // Tables without a unique sort key are compared as sorted rows.
      const unkeyed = table === 'customer_counts' || table === 'duplicate_keys';
      parts.push(unkeyed ? rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : rows);
    }
    return JSON.stringify(parts);
  }
}

export function cookieFrom(res: Reply): string {
  const setCookie = [res.headers['set-cookie'] ?? []].flat().map(String);
  const session = setCookie.find((c) => c.startsWith('kehu_session='));
  if (!session) throw new Error('no session cookie in the reply');
  return session.split(';')[0] as string;
}

export interface HarnessOptions {
  config?: Partial<Config>;
  /** Run first-run setup and log the admin in (default true). */
  withAdmin?: boolean;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ LOG_LEVEL: 'silent', KEHU_SCRYPT_N: '1024', KEHU_LOGIN_MAX_FAILURES_PER_IP: '1000' });
  return { ...base, ...overrides, login: { ...base.login, ...(overrides.login ?? {}) } };
}

export async function startTestApp(kind: DbKind, options: HarnessOptions = {}) {
  const { database, drop } = await openTestDatabase(kind);
  const clock = new ManualClock(new Date('2026-11-27T02:00:00Z'));
  const built = await buildApp({ config: testConfig(options.config), database, clock });
  await built.app.ready();
  const t = new TestApp(kind, built, clock);
  if (options.withAdmin !== false) {
    const res = await t.post('/api/setup', { username: 'admin', displayName: '管理员', password: TEST_PASSWORD });
    if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${res.text}`);
    t.admin = {
      user: { id: res.body.user.id, username: 'admin', displayName: '管理员', role: 'admin', password: TEST_PASSWORD },
      cookie: cookieFrom(res),
    };
  }
  return {
    t,
    stop: async () => {
      await built.app.close();
      await drop();
    },
  };
}

/** Runs the same suite on every configured database, each with its own fresh app. */
export function describeEachDb(title: string, suite: (get: () => TestApp) => void, options: HarnessOptions = {}) {
  for (const kind of databaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let t: TestApp;
      let stop: () => Promise<void>;
      beforeAll(async () => {
        ({ t, stop } = await startTestApp(kind, options));
      });
      afterAll(async () => {
        await stop?.();
      });
      suite(() => t);
    });
  }
}
