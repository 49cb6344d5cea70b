// Measures an xlsx import through the HTTP API against the import's goal (docs/performance.md:
// its time with the duplicate check, memory flat): upload + parse + staging, validation,
// background commit.
//
//   node --import tsx bench/import-measure.ts [rows] [existing customers]
//   MEASURE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx …
//
// SQLite runs in a temporary file. For PostgreSQL the URL names a server (and a database to
// connect to for administration): a scratch database kehu_import_measure is created on it and
// dropped afterwards (kept with MEASURE_KEEP=1, to look into). `measureImport` is the same
// measurement for the bench.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { createDb, isPostgresUrl, type Database } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { multipart } from '../server/test/imports/helpers.js';

export interface ImportMeasurement {
  dialect: 'sqlite' | 'postgres';
  rows: number;
  /** Customers in the database before the measured import (created by an untimed import). */
  existing: number;
  fileBytes: number;
  uploadSeconds: number;
  validateSeconds: number;
  commitSeconds: number;
  /** Upload to the end of the commit. */
  seconds: number;
  /**
   * CPU time of this process (all its threads) in each phase: on a machine shared with other
   * work, a steadier figure than the wall-clock time.
   */
  cpuSeconds: { upload: number; validate: number; commit: number };
  toCreate: number;
  duplicates: number;
  rejected: number;
  created: number;
  /** Resident set size before the upload, its peak during the import, and the difference. */
  /**
   * The main thread's heap after a full garbage collection, before the upload and after the
   * commit: what the import leaves behind there (the RSS also holds the import thread's heap
   * and memory the allocator has not given back).
   */
  heapStartMiB: number;
  heapEndMiB: number;
  rssStartMiB: number;
  rssPeakMiB: number;
  rssDeltaMiB: number;
  /**
   * Latency of a customer list page requested every 300 ms while the commit runs: what other
   * users see of it. On SQLite a request waits for the batch transaction in progress.
   */
  duringCommitMs: { requests: number; p50: number; p99: number; max: number };
  /** SQLite: the largest -wal file seen during the measured import (sampled every 50 ms). */
  walPeakMiB?: number;
}

export interface MeasureOptions {
  rows: number;
  existing?: number;
  /** Absent or `sqlite`: a temporary SQLite file; `postgres://…`: a scratch database on that server. */
  databaseUrl?: string;
}

const SCRATCH_DATABASE = 'kehu_import_measure';
const cities = ['杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '衢州', '舟山', '台州'];
const trades = ['机械', '纺织', '电子', '化工', '物流', '食品', '建材', '医药', '家具', '印刷'];
const syllables = '安百博昌达鼎东帆丰福富广国海航和恒宏华汇佳嘉金锦京晶景凯康来力利联隆茂美明楠宁鹏奇启庆瑞润森盛世顺泰天通同万伟鑫新信兴旭扬亿益银永宇裕源远跃运泽展兆振正智中众卓';
const pick = (s: string, n: number) => s[n % s.length]!;
function company(i: number) {
  const brand = pick(syllables, i) + pick(syllables, Math.floor(i / 97)) + pick(syllables, Math.floor(i / 9409));
  return { name: `${cities[i % 10]}${brand}${trades[Math.floor(i / 10) % 10]}有限公司`, keyword: `${brand}${i}` };
}

/**
 * Row i of the measured file (offset 0) or of the untimed seeding import (offset `rows`). With
 * existing customers, 1 row in 100 names one of them and 1 in 100 an earlier row of the file,
 * so that both halves of the duplicate check find something.
 */
function fileRow(i: number, offset: number, seeded: { offset: number; count: number } | null): unknown[] {
  const c = company(offset + i);
  let name = c.name;
  if (seeded && i % 100 === 1) name = `${company(seeded.offset + (i % seeded.count)).keyword}贸易有限公司`;
  if (seeded && i % 100 === 51) name = `${company(offset + i - 1).keyword}分公司`;
  return [name, c.keyword, new Date(Date.UTC(2015 + (i % 10), i % 12, 1 + (i % 28))), `0571-${80000000 + i}`, `${cities[i % 10]}市某某路${i}号`, `联系人${i % 1000}`, `1380${String(i).padStart(7, '0')}`, `c${i}@example.com`];
}

/** The xlsx as Excel writes it (shared strings, a date style), built by the streaming writer. */
async function buildXlsx(rows: number, offset: number, seeded: { offset: number; count: number } | null): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('客户');
  sheet.addRow(['客户名称', '关键字', '创建日期', '电话', '地址', '联系人', '手机', '邮箱']).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(fileRow(i, offset, seeded)).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

const rssMiB = () => process.memoryUsage.rss() / 2 ** 20;

// A full collection on demand without --expose-gc on the command line: the figures at the start
// would otherwise count the garbage of building the file, and the one at the end the garbage
// of the commit.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapMiB = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** The process's peak RSS since the last reset (Linux), else null. */
function peakRssMiB(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function resetPeakRss() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux or not allowed: the sampled peak below stands alone.
  }
}

async function openDatabase(url: string | undefined): Promise<{ database: Database; dispose: () => Promise<void>; walFile?: string }> {
  if (url && isPostgresUrl(url)) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${SCRATCH_DATABASE} with (force)`);
    await admin.query(`create database ${SCRATCH_DATABASE}`);
    const scratch = new URL(url);
    scratch.pathname = `/${SCRATCH_DATABASE}`;
    const database = createDb(scratch.toString());
    const dispose = async () => {
      if (process.env.MEASURE_KEEP) return void (await admin.end());
      await admin.query(`drop database if exists ${SCRATCH_DATABASE} with (force)`);
      await admin.end();
    };
    return { database, dispose };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kehu-measure-'));
  const file = join(dir, 'kehu.db');
  return { database: createDb(`sqlite:${file}`), dispose: async () => rmSync(dir, { recursive: true, force: true }), walFile: `${file}-wal` };
}

export async function measureImport(options: MeasureOptions): Promise<ImportMeasurement> {
  const { rows } = options;
  const existing = options.existing ?? 0;
  const { database, dispose, walFile } = await openDatabase(options.databaseUrl);
  const walBytes = () => {
    try {
      return walFile ? statSync(walFile).size : 0;
    } catch {
      return 0;
    }
  };
  try {
    await migrateToLatest(database.db);
    const { app } = await buildApp({ config: loadConfig({ LOG_LEVEL: 'error', KEHU_SCRYPT_N: '1024' }), database });
    try {
      await app.ready();
      const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { username: 'admin', displayName: '管理员', password: 'measure-pass-1' } });
      const cookie = String(setup.headers['set-cookie']).split(';')[0]!;
      const statusId = JSON.parse((await app.inject({ method: 'GET', url: '/api/customer-statuses', headers: { cookie } })).body)[0].id as string;

      const runImport = async (file: Buffer) => {
        const { body, contentType } = multipart('customers.xlsx', file);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const up = await app.inject({ method: 'POST', url: '/api/imports', headers: { cookie, 'content-type': contentType, 'x-kehu-request': '1' }, payload: body });
        if (up.statusCode !== 201) throw new Error(up.body);
        const t1 = performance.now();
        const c1 = process.cpuUsage();
        const imp = JSON.parse(up.body) as { id: string; suggestedMapping: unknown };
        const v = await app.inject({ method: 'POST', url: `/api/imports/${imp.id}/validate`, headers: { cookie }, payload: { mapping: imp.suggestedMapping, defaults: { statusId } } });
        if (v.statusCode !== 200) throw new Error(v.body);
        const t2 = performance.now();
        const c2 = process.cpuUsage();
        const summary = JSON.parse(v.body) as { toCreate: number; duplicates: number; rejected: number };
        const c = await app.inject({ method: 'POST', url: `/api/imports/${imp.id}/commit`, headers: { cookie }, payload: { duplicateAction: 'skip' } });
        if (c.statusCode !== 202) throw new Error(c.body);
        let state: { status: string; created: number; isIncomplete: boolean };
        const waits: number[] = [];
        for (let polls = 1; ; polls++) {
          // Timed from when the request was due: while a batch transaction runs, the event loop
          // is busy, and the timer itself fires late. One poll in three: the pages are load on
          // the thread the commit runs on, and this measures the commit.
          const asked = performance.now() + 100;
          await new Promise((r) => setTimeout(r, 100));
          if (polls % 3 === 0) {
            const page = await app.inject({ method: 'GET', url: '/api/customers?pageSize=50', headers: { cookie } });
            if (page.statusCode !== 200) throw new Error(page.body);
            waits.push(performance.now() - asked);
          }
          state = JSON.parse((await app.inject({ method: 'GET', url: `/api/imports/${imp.id}`, headers: { cookie } })).body);
          if (state.status !== 'committing' || state.isIncomplete) break;
        }
        if (state.status !== 'done') throw new Error(`the commit stopped: ${JSON.stringify(state)}`);
        const t3 = performance.now();
        const c3 = process.cpuUsage();
        const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user + b.system - a.user - a.system) / 1e6;
        waits.sort((a, b) => a - b);
        const at = (q: number) => Number((waits[Math.min(waits.length - 1, Math.floor(q * waits.length))] ?? 0).toFixed(1));
        const duringCommitMs = { requests: waits.length, p50: at(0.5), p99: at(0.99), max: at(1) };
        return { t0, t1, t2, t3, summary, created: state.created, duringCommitMs, cpuSeconds: { upload: cpu(c0, c1), validate: cpu(c1, c2), commit: cpu(c2, c3) } };
      };

      if (existing > 0) await runImport(await buildXlsx(existing, rows, null));
      const file = await buildXlsx(rows, 0, existing > 0 ? { offset: rows, count: existing } : null);
      const heapStartMiB = heapMiB();
      const rssStartMiB = rssMiB();
      resetPeakRss();
      let sampledPeak = rssStartMiB;
      let walPeak = walBytes();
      const sampler = setInterval(() => {
        sampledPeak = Math.max(sampledPeak, rssMiB());
        walPeak = Math.max(walPeak, walBytes());
      }, 50);
      try {
        const r = await runImport(file);
        const rssPeakMiB = Math.max(sampledPeak, rssMiB(), peakRssMiB() ?? 0);
        const heapEndMiB = heapMiB();
        return {
          dialect: database.dialect,
          rows,
          existing,
          fileBytes: file.length,
          uploadSeconds: (r.t1 - r.t0) / 1000,
          validateSeconds: (r.t2 - r.t1) / 1000,
          commitSeconds: (r.t3 - r.t2) / 1000,
          seconds: (r.t3 - r.t0) / 1000,
          cpuSeconds: r.cpuSeconds,
          toCreate: r.summary.toCreate,
          duplicates: r.summary.duplicates,
          rejected: r.summary.rejected,
          created: r.created,
          heapStartMiB,
          heapEndMiB,
          rssStartMiB,
          rssPeakMiB,
          rssDeltaMiB: rssPeakMiB - rssStartMiB,
          duringCommitMs: r.duringCommitMs,
          ...(walFile ? { walPeakMiB: Math.max(walPeak, walBytes()) / 2 ** 20 } : {}),
        };
      } finally {
        clearInterval(sampler);
      }
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await dispose();
  }
}

async function main() {
  const m = await measureImport({ rows: Number(process.argv[2] ?? 100_000), existing: Number(process.argv[3] ?? 0), databaseUrl: process.env.MEASURE_DATABASE_URL });
  const s = (x: number) => `${x.toFixed(2)} s`;
  console.log(`${m.dialect}: ${m.rows} rows (${(m.fileBytes / 1e6).toFixed(1)} MB xlsx), ${m.existing} existing customers`);
  console.log(`upload+parse+stage ${s(m.uploadSeconds)} · validate ${s(m.validateSeconds)} (create ${m.toCreate}, duplicates ${m.duplicates}, rejected ${m.rejected}) · commit ${s(m.commitSeconds)} (created ${m.created})`);
  console.log(`CPU time: upload ${s(m.cpuSeconds.upload)} · validate ${s(m.cpuSeconds.validate)} · commit ${s(m.cpuSeconds.commit)}`);
  const w = m.duringCommitMs;
  console.log(`a customer list page during the commit (${w.requests} requests): p50 ${w.p50} ms, p99 ${w.p99} ms, max ${w.max} ms`);
  console.log(`total ${s(m.seconds)}; RSS ${m.rssStartMiB.toFixed(0)} MiB at the start, peak ${m.rssPeakMiB.toFixed(0)} MiB (+${m.rssDeltaMiB.toFixed(0)} MiB)`);
  console.log(`main thread's heap after a full GC: ${m.heapStartMiB.toFixed(0)} MiB before the upload, ${m.heapEndMiB.toFixed(0)} MiB after the commit`);
  if (m.walPeakMiB !== undefined) console.log(`largest WAL file during the import: ${m.walPeakMiB.toFixed(0)} MiB`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
