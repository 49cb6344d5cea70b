// `node --import tsx bench/index-write-probe.ts [--customers 108000] [--db sqlite|postgres|all]`
//
// What writing the search index of an import costs, per design (docs/performance-history.md,
// item 8).
// The customers are the import measurement's (bench/import-measure.ts): company
// names, keywords, a phone, a contact and a mobile, ~63 distinct grams each (gramsOf). Each
// design is written 1,000 customers per transaction, as the import commits:
//
// - sqlite-btree: today's customer_ngrams (WITHOUT ROWID, primary key (gram, customer_id), an
//   index on customer_id, the foreign key), one row per gram.
// - sqlite-fts5: a contentless FTS5 table, one document per customer whose tokens are the grams
//   (code points in base 32 joined by "x", so that the ascii tokenizer keeps each gram whole).
// - postgres-btree: customer_ngrams as on PostgreSQL (no foreign key since migration 1300).
// - postgres-gin: one row per customer with its grams as a text[] under a GIN index.
//
// Only the index writes are timed; computing the grams is not.

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { gramsOf, searchParts } from '../server/src/search/index.js';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '108000' }, db: { type: 'string', default: 'all' } } });
const customers = Number(values.customers);
const BATCH = 1000;
const pgUrl = process.env.PROBE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const cities = ['杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '衢州', '舟山', '台州'];
const trades = ['机械', '纺织', '电子', '化工', '物流', '食品', '建材', '医药', '家具', '印刷'];
const syllables = '安百博昌达鼎东帆丰福富广国海航和恒宏华汇佳嘉金锦京晶景凯康来力利联隆茂美明楠宁鹏奇启庆瑞润森盛世顺泰天通同万伟鑫新信兴旭扬亿益银永宇裕源远跃运泽展兆振正智中众卓';

function gramsOfCustomer(i: number): string[] {
  const pick = (n: number) => syllables[n % syllables.length]!;
  const brand = pick(i) + pick(Math.floor(i / 97)) + pick(Math.floor(i / 9409));
  const name = `${cities[i % 10]}${brand}${trades[Math.floor(i / 10) % 10]}有限公司`;
  return gramsOf(searchParts({ name, keyword: `${brand}${i}`, phone: `0571-${80000000 + i}`, extra: [`联系人${i % 1000}`, `1380${String(i).padStart(7, '0')}`] }));
}

function batches(all: string[][]): [first: number, grams: string[][]][] {
  const out: [number, string[][]][] = [];
  for (let i = 0; i < all.length; i += BATCH) out.push([i + 1, all.slice(i, i + BATCH)]);
  return out;
}

function sqliteFile() {
  const path = join(tmpdir(), `kehu-index-probe-${process.pid}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  return { db, remove: () => (db.close(), ['', '-wal', '-shm'].forEach((s) => rmSync(path + s, { force: true }))) };
}

function sqliteBtree(all: string[][]): number {
  const { db, remove } = sqliteFile();
  db.exec(`create table customers (id integer primary key);
    create table customer_ngrams (gram text not null, customer_id integer not null references customers (id) on delete cascade,
      primary key (gram, customer_id)) without rowid;
    create index customer_ngrams_customer on customer_ngrams (customer_id);`);
  db.pragma('foreign_keys = ON');
  const parent = db.prepare('insert into customers (id) values (?)');
  db.transaction(() => all.forEach((_, i) => parent.run(i + 1)))();
  const insert = db.prepare('insert into customer_ngrams (gram, customer_id) values (?, ?)');
  const started = performance.now();
  for (const [first, grams] of batches(all)) {
    // In index order within the batch, as the import writes them.
    const pairs = grams.flatMap((list, j) => list.map((g) => [g, first + j] as const)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    db.transaction(() => pairs.forEach(([g, id]) => insert.run(g, id)))();
  }
  const ms = performance.now() - started;
  remove();
  return ms;
}

/** A gram as one ascii token: each code point in base 32 (digits 0–9, a–v), joined by "x", which is not a digit. */
const token = (gram: string) => 'g' + [...gram].map((c) => c.codePointAt(0)!.toString(32)).join('x');

function sqliteFts5(all: string[][]): number {
  const { db, remove } = sqliteFile();
  db.exec(`create virtual table customer_search using fts5 (grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii')`);
  const insert = db.prepare('insert into customer_search (rowid, grams) values (?, ?)');
  const docs = all.map((list) => list.map(token).join(' '));
  const started = performance.now();
  for (const [first, grams] of batches(all)) db.transaction(() => grams.forEach((_, j) => insert.run(first + j, docs[first + j - 1])))();
  const ms = performance.now() - started;
  remove();
  return ms;
}

async function postgres(all: string[][], design: 'btree' | 'gin'): Promise<number> {
  const admin = new pg.Client(pgUrl);
  await admin.connect();
  const name = 'kehu_index_probe';
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const db = new pg.Client(url.toString());
  await db.connect();
  try {
    if (design === 'btree') {
      await db.query(`create table customer_ngrams (gram text collate "C" not null, customer_id bigint not null, primary key (gram, customer_id));
        create index customer_ngrams_customer on customer_ngrams (customer_id)`);
    } else {
      await db.query(`create table customer_search (customer_id bigint primary key, grams text[] not null);
        create index customer_search_grams on customer_search using gin (grams)`);
    }
    const started = performance.now();
    for (const [first, grams] of batches(all)) {
      await db.query('begin');
      if (design === 'btree') {
        const pairs = grams.flatMap((list, j) => list.map((g) => [g, first + j] as const)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
        await db.query('insert into customer_ngrams select * from unnest($1::text[], $2::bigint[])', [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
      } else {
        const ids = grams.map((_, j) => first + j);
        const literals = grams.map((list) => `{${list.map((g) => `"${g.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
        await db.query('insert into customer_search select id, g::text[] from unnest($1::bigint[], $2::text[]) as t (id, g)', [ids, literals]);
      }
      await db.query('commit');
    }
    return performance.now() - started;
  } finally {
    await db.end();
    await admin.query(`drop database ${name}`);
    await admin.end();
  }
}

async function main() {
  const all = Array.from({ length: customers }, (_, i) => gramsOfCustomer(i + 1));
  const rows = all.reduce((n, list) => n + list.length, 0);
  console.log(`${customers} customers, ${rows} grams (${(rows / customers).toFixed(1)} per customer), ${BATCH} customers per transaction`);
  const show = (design: string, ms: number) => console.log(`${design.padEnd(15)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${((ms * 1000) / rows).toFixed(2)} µs per gram`);
  const which = values.db;
  if (which === 'all' || which === 'sqlite') {
    show('sqlite-btree', sqliteBtree(all));
    show('sqlite-fts5', sqliteFts5(all));
  }
  if (which === 'all' || which === 'postgres') {
    show('postgres-btree', await postgres(all, 'btree'));
    show('postgres-gin', await postgres(all, 'gin'));
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
