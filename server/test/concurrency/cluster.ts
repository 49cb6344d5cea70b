import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { createDb, type Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { inconsistencies } from '../consistency.js';
import { sharedTestDatabase, TEST_PASSWORD, type DbKind } from '../harness.js';
import { Client, spawnServer, type ServerProcess } from '../process.js';

// Real server processes on one database, for requests that really run at the same moment: two
// processes on PostgreSQL (requests split between them, as behind a load balancer) and two on
// one SQLite file. The test keeps its own connection to the database for the consistency check.

/** A request of a race: who sends it, where to, and what. */
export interface Call {
  as: Client;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}

export interface Answer {
  call: Call;
  /** 0 when no answer came in time (a hung request) or the connection failed. */
  status: number;
  body: any;
}

/** A request that has not answered within this long is hung: no lock wait in Kehu lasts so long. */
const HUNG_MS = 20_000;

export class Cluster {
  private counter = 0;
  admin!: Client;
  statusIds: string[] = [];

  private constructor(
    readonly kind: DbKind,
    readonly servers: ServerProcess[],
    private readonly database: Database,
    private readonly drop: () => Promise<void>,
  ) {}

  static async start(kind: DbKind, dir: string): Promise<Cluster> {
    const shared = await sharedTestDatabase(kind, dir);
    const env = { DATABASE_URL: shared.url, KEHU_LOGIN_MAX_FAILURES_PER_IP: '100000' };
    // One after the other: two starting at once on a busy machine can each miss the start deadline.
    const servers = [await spawnServer(env, { startMs: 60_000 }), await spawnServer(env, { startMs: 60_000 })];
    const cluster = new Cluster(kind, servers, createDb(shared.url), shared.drop);
    cluster.admin = new Client(servers[0]!.baseUrl);
    const setup = await cluster.admin.call('POST', '/api/setup', { username: 'admin', displayName: '管理员', password: TEST_PASSWORD });
    if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${JSON.stringify(setup.body)}`);
    const statuses = (await cluster.admin.call('GET', '/api/customer-statuses')).body as { id: string }[];
    cluster.statusIds = statuses.map((s) => s.id);
    return cluster;
  }

  async stop() {
    await Promise.all(this.servers.map((s) => s.stop()));
    await this.database.close();
    await this.drop();
  }

  get db(): Kysely<DB> {
    return this.database.db;
  }

  unique(prefix: string): string {
    return `${prefix}${++this.counter}${Math.random().toString(36).slice(2, 6)}`;
  }

  /** The same session on the i-th process (round robin): a race's requests go to both. */
  on(client: Client, i: number): Client {
    return client.on(this.servers[i % this.servers.length]!.baseUrl);
  }

  /** A new user of the role, logged in. */
  async user(role: 'sales' | 'staff' | 'admin' = 'sales'): Promise<{ client: Client; id: string; name: string }> {
    const username = this.unique('u');
    const name = `用户${username}`;
    const made = await this.admin.call('POST', '/api/users', { username, displayName: name, role, password: TEST_PASSWORD });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const client = new Client(this.servers[0]!.baseUrl);
    const login = await client.call('POST', '/api/auth/login', { username, password: TEST_PASSWORD });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    return { client, id: made.body.id, name };
  }

  /** A customer of the client's (no duplicate check: the names are unique anyway). */
  async customer(as: Client, fields: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
    const keyword = this.unique('并发');
    const res = await as.call('POST', '/api/customers', { name: `${keyword}科技有限公司`, keyword, statusId: this.statusIds[0], confirmDuplicate: true, ...fields });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id, version: res.body.version };
  }

  /** A product (by the admin), priced and with an annual fee as given. */
  async product(price = '100.00', annualFee = '0.00'): Promise<string> {
    const res = await this.admin.call('POST', '/api/products', { code: this.unique('P'), name: '并发商品', price, annualFee });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  }

  /** Checks a setup step answered as expected; returns its body. */
  async must(as: Client, method: Call['method'], path: string, body: unknown, status: number): Promise<any> {
    const res = await as.call(method, path, body);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
    return res.body;
  }

  /**
   * Sends every call at once and waits for all answers. Every answer must be a success or a
   * refusal the client can act on (409, 422, or what `alsoAllowed` adds): never a 5xx, never
   * a hung request. The servers' error logs of the race are attached to a failure.
   */
  async race(calls: Call[], alsoAllowed: number[] = []): Promise<Answer[]> {
    const marks = this.servers.map((s) => s.log().length);
    const answers = await Promise.all(calls.map((call) => send(call)));
    const allowed = (s: number) => (s >= 200 && s < 300) || s === 409 || s === 422 || alsoAllowed.includes(s);
    const bad = answers.filter((a) => !allowed(a.status)).map((a) => `${a.call.method} ${a.call.path} → ${a.status || 'no answer'} ${JSON.stringify(a.body)}`);
    const logs = this.servers.map((s, i) => errorLines(s.log().slice(marks[i])).map((l) => `server ${i}: ${l}`)).flat();
    expect.soft(bad, `answers other than 2xx/409/422${logs.length ? `; server errors:\n${logs.join('\n')}` : ''}`).toEqual([]);
    return answers;
  }

  /** The problems the consistency check finds now. */
  problems(): Promise<string[]> {
    return inconsistencies(this.db);
  }

  /** The consistency check finds nothing that was not already there before the case began. */
  async expectConsistent(before: string[]) {
    const known = new Set(before);
    expect((await this.problems()).filter((p) => !known.has(p))).toEqual([]);
  }
}

export const statuses = (answers: Answer[]) => answers.map((a) => a.status).sort();
export const succeeded = (answers: Answer[]) => answers.filter((a) => a.status >= 200 && a.status < 300);
export const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function send(call: Call): Promise<Answer> {
  const headers: Record<string, string> = { cookie: call.as.cookie };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(call.as.baseUrl + call.path, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(HUNG_MS),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text
    }
    return { call, status: res.status, body };
  } catch (err) {
    return { call, status: 0, body: String(err) };
  }
}

/** The error entries of a server's log (pino JSON lines at level ≥ 50), shortened. */
function errorLines(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => /"level":\s*(5\d|6\d)/.test(line))
    .map((line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string; code?: string } };
        return `${entry.err?.code ?? ''} ${entry.err?.message ?? entry.msg ?? ''}`.trim();
      } catch {
        return line.slice(0, 300);
      }
    });
}
