import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, spawnServer, type ServerProcess } from './process.js';

// The SQLite WAL under a minute of sustained writes from a team of salespeople, against the real
// server process: passive checkpoints alone seldom let the WAL restart while commits keep coming,
// so its file grew with the writes for as long as they lasted. It must stay bounded throughout.
//
// In production the WAL is restarted past 64 MiB and must stay under 256 MiB. A small shared
// test machine may not write 256 MiB in a minute, so the test lowers the restart size. The worker
// looks at the WAL every 250 ms, so the WAL may outgrow that size by what the burst writes in a
// few of those: the test allows 3 s of the burst's mean rate. Without restarts it outgrew the
// size by far more (passive checkpoints alone let it restart now and then at slow rates, hardly
// ever at fast ones). The burst must append more than the bound to the WAL.

const RESTART_BYTES = 2 * 1024 * 1024;
const SLACK_SECONDS = 3;
const PRODUCTION_BOUND = 256 * 1024 * 1024;
const BURST_MS = 60_000;
const SALESPEOPLE = 10;
const LOOPS_PER_PERSON = 2;
const PASSWORD = 'correct-horse-9';

const dir = mkdtempSync(join(tmpdir(), 'kehu-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0; // no WAL yet, or removed at close
  }
}

/**
 * Counts the bytes appended to the WAL, from the frame count in the wal-index header (the -shm
 * file, native byte order): it falls when the WAL restarts. Sampled, so it may count short.
 */
class WalAppended {
  bytes = 0;
  private frames = 0;
  constructor(private file: string) {}
  sample() {
    const header = Buffer.alloc(20);
    let fd: number;
    try {
      fd = openSync(`${this.file}-shm`, 'r');
    } catch {
      return;
    }
    try {
      if (readSync(fd, header, 0, 20, 0) < 20) return;
    } finally {
      closeSync(fd);
    }
    const pageSize = header.readUInt16LE(14) === 1 ? 65536 : header.readUInt16LE(14);
    const frames = header.readUInt32LE(16);
    this.bytes += (frames >= this.frames ? frames - this.frames : frames) * (pageSize + 24);
    this.frames = frames;
  }
}

/** Text of a salesperson's notes, different every time so that nothing is shared between rows. */
function notes(n: number, length: number): string {
  const words = ['客户', '报价', '拜访', '合同', '续费', '样品', '预算', '采购', '决策', '跟进'];
  let s = `第${n}次：`;
  while (s.length < length) s += words[(n * 7 + s.length) % words.length]! + Math.random().toString(36).slice(2, 8);
  return s.slice(0, length);
}

interface Tally {
  writes: number;
  unexpected: string[];
}

/** One salesperson's working loop: a new customer, a contact, a follow-up, and edits. */
async function work(c: Client, statusId: string, tag: string, until: number, tally: Tally) {
  const check = (what: string, res: { status: number; body: unknown }, ...ok: number[]) => {
    tally.writes++;
    if (!ok.includes(res.status) && tally.unexpected.length < 5) tally.unexpected.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return ok.includes(res.status);
  };
  for (let i = 0; Date.now() < until; i++) {
    const keyword = `${tag}x${i}`;
    const created = await c.call('POST', '/api/customers', { name: `${keyword}贸易有限公司`, keyword, statusId, phone: `0755-${String(10_000_000 + i)}`, notes: notes(i, 2000), confirmDuplicate: true });
    if (!check('create', created, 201)) continue;
    const id = created.body.id as string;
    let version = created.body.version as number;
    check('contact', await c.call('POST', `/api/customers/${id}/contacts`, { name: '王经理', mobile: `138${String(10_000_000 + i)}`, notes: notes(i + 1, 1000) }), 201);
    check('follow-up', await c.call('POST', `/api/customers/${id}/activities`, { occurredOn: '2026-11-02', method: 'phone', content: notes(i + 2, 1000), nextFollowUpOn: '2027-01-15' }), 201);
    for (let edit = 0; edit < 2 && Date.now() < until; edit++) {
      const res = await c.call('PATCH', `/api/customers/${id}`, { version, phone: `021-${String(20_000_000 + i * 10 + edit)}`, notes: notes(i + 3 + edit, 2000) });
      if (check('edit', res, 200)) version = res.body.version as number;
    }
  }
}

describe('the SQLite WAL under sustained writes', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => server?.stop());

  it(
    `stays within its restart size and ${SLACK_SECONDS} s of writes through a ${BURST_MS / 1000} s write burst`,
    async () => {
      const file = join(dir, 'kehu.db');
      server = await spawnServer({ DATABASE_URL: `sqlite:${file}`, KEHU_WAL_RESTART_MIB: String(RESTART_BYTES / 1048576), KEHU_DUPLICATE_CHECKS_PER_MINUTE: '100000', KEHU_DUPLICATE_CHECKS_PER_DAY: '10000000' });
      const admin = new Client(server.baseUrl);
      await admin.call('POST', '/api/setup', { username: 'admin', displayName: '管理员', password: PASSWORD });
      const statusId = (await admin.call('GET', '/api/customer-statuses')).body[0].id as string;
      const team: Client[] = [];
      for (let p = 0; p < SALESPEOPLE; p++) {
        const username = `sales${p}`;
        expect((await admin.call('POST', '/api/users', { username, displayName: `业务员${p}`, role: 'sales', password: PASSWORD })).status).toBe(201);
        const c = new Client(server.baseUrl);
        expect((await c.call('POST', '/api/auth/login', { username, password: PASSWORD })).status).toBe(200);
        team.push(c);
      }

      let peak = 0;
      const appended = new WalAppended(file);
      const sampler = setInterval(() => {
        peak = Math.max(peak, walBytes(file));
        appended.sample();
      }, 100);
      const tally: Tally = { writes: 0, unexpected: [] };
      const until = Date.now() + BURST_MS;
      try {
        await Promise.all(team.flatMap((c, p) => Array.from({ length: LOOPS_PER_PERSON }, (_, l) => work(c, statusId, `w${p}l${l}`, until, tally))));
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, walBytes(file));
      appended.sample();
      const bound = Math.min(PRODUCTION_BOUND, RESTART_BYTES + (SLACK_SECONDS * appended.bytes) / (BURST_MS / 1000));
      const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
      console.log(`WAL burst: ${tally.writes} writes in ${BURST_MS / 1000} s, ${mib(appended.bytes)} appended to the WAL, WAL peak ${mib(peak)}, bound ${mib(bound)}`);

      expect(tally.unexpected).toEqual([]);
      // Otherwise the burst was too small to show anything.
      expect(appended.bytes).toBeGreaterThan(bound);
      expect(peak).toBeLessThanOrEqual(bound);
    },
    BURST_MS + 90_000,
  );
});
