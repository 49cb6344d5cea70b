// Sustained writes: a team of salespeople working flat out for a fixed time, half of their
// requests writes (customer creates and edits, contacts, follow-ups), while the SQLite WAL file
// is sampled every 100 ms. Without WAL restarts its file grew for as long as the writes lasted.

import { statSync } from 'node:fs';
import { Client, TimeoutError, expectStatus, percentile } from './load.js';

export interface Spread {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export interface SustainedResult {
  seconds: number;
  salespeople: number;
  concurrency: number;
  rps: number;
  writes: Spread;
  reads: Spread;
  errors: number;
  firstError?: string;
  /** SQLite: the largest -wal file seen, and its size at the end. */
  walPeakMiB?: number;
  walEndMiB?: number;
}

export interface SustainedOptions {
  /** One session cookie per salesperson. */
  cookies: string[];
  statusId: string;
  seconds: number;
  concurrencyPerPerson: number;
  timeoutMs: number;
  /** SQLite: the database file, whose -wal is sampled. */
  sqlitePath?: string;
}

const spread = (samples: number[]): Spread => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
};

const businessDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

export async function sustainedWrites(client: Client, o: SustainedOptions): Promise<SustainedResult> {
  const writes: number[] = [];
  const reads: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let peak = o.sqlitePath ? walBytes(o.sqlitePath) : 0;
  const sampler = o.sqlitePath ? setInterval(() => (peak = Math.max(peak, walBytes(o.sqlitePath!))), 100) : undefined;
  const until = performance.now() + o.seconds * 1000;
  // Yesterday in UTC is never after today in the business time zone.
  const occurredOn = businessDate(-1);
  const nextOn = businessDate(30);
  const run = async (cookie: string, tag: string) => {
    const call = async (into: number[], method: string, path: string, body: unknown, ...ok: number[]) => {
      const res = expectStatus(await client.request(method, path, { cookie, body, timeoutMs: o.timeoutMs }), ...ok);
      into.push(res.ms);
      return res.text ? JSON.parse(res.text) : undefined;
    };
    for (let i = 0; performance.now() < until; i++) {
      try {
        const note = `${tag}第${i}次拜访：${'客户关心交期与售后，下周再报一次价。'.repeat(12)}`;
        const c = await call(writes, 'POST', '/api/customers', { name: `持续写入${tag}第${i}号客户`, keyword: `sw${tag}${i}`, statusId: o.statusId, phone: `0755-${String(10_000_000 + i)}`, notes: note }, 201);
        await call(reads, 'GET', `/api/customers/${c.id}`, undefined, 200);
        await call(writes, 'POST', `/api/customers/${c.id}/contacts`, { name: '王经理', mobile: `138${String(10_000_000 + i)}`, notes: note }, 201);
        await call(reads, 'GET', `/api/customers?statusId=${o.statusId}&pageSize=50`, undefined, 200);
        await call(writes, 'POST', `/api/customers/${c.id}/activities`, { occurredOn, method: 'phone', content: note, nextFollowUpOn: nextOn }, 201);
        await call(reads, 'GET', `/api/customers/${c.id}/activities`, undefined, 200);
        await call(writes, 'PATCH', `/api/customers/${c.id}`, { version: c.version, phone: `021-${String(20_000_000 + i)}`, notes: `${note}（已更新）` }, 200);
        await call(reads, 'GET', '/api/followups/due', undefined, 200);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
        if (err instanceof TimeoutError) return;
      }
    }
  };
  const started = performance.now();
  try {
    await Promise.all(o.cookies.flatMap((cookie, p) => Array.from({ length: o.concurrencyPerPerson }, (_, k) => run(cookie, `${Date.now().toString(36).slice(-4)}p${p}k${k}`))));
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const end = o.sqlitePath ? walBytes(o.sqlitePath) : 0;
  peak = Math.max(peak, end);
  return {
    seconds,
    salespeople: o.cookies.length,
    concurrency: o.cookies.length * o.concurrencyPerPerson,
    rps: (writes.length + reads.length) / seconds,
    writes: spread(writes),
    reads: spread(reads),
    errors,
    firstError,
    ...(o.sqlitePath ? { walPeakMiB: peak / 2 ** 20, walEndMiB: end / 2 ** 20 } : {}),
  };
}
