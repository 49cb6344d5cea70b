// `node --import tsx bench/search-read-probe.ts [--customers 200000]` (SQLite)
//
// The read side of decision 0008: how the n-gram B-tree of today and a contentless FTS5 table
// of the same grams answer the index look-ups the search makes. Uses a copy of the bench's
// cached data set (`npm run bench -- --customers N --generate-only` makes it), builds the FTS5
// table in the copy from customer_ngrams, and times each look-up both ways (median of the
// runs). Only the index look-ups are timed, not the list query around them.

import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { termGrams } from '../server/src/modules/customers/search-text.js';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '200000' }, seed: { type: 'string', default: '1' } } });
const source = join(import.meta.dirname, 'data', `kehu-${values.customers}-s${values.seed}.db`);
if (!existsSync(source)) throw new Error(`${source} is missing: run npm run bench -- --customers ${values.customers} --generate-only`);

/** A gram as one ascii token: each code point in base 32 (digits 0–9, a–v), joined by "x", which is not a digit (as in index-write-probe.ts). */
const token = (gram: string) => 'g' + [...gram].map((c) => c.codePointAt(0)!.toString(32)).join('x');
/** FTS5 query text for grams that must all be present. */
const all = (grams: string[]) => grams.map(token).join(' AND ');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(runs: number, f: () => unknown): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    out.push(performance.now() - t);
  }
  return median(out);
}

function main() {
  const path = join(tmpdir(), `kehu-search-read-probe-${process.pid}.db`);
  copyFileSync(source, path);
  const db = new SQLite(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('cache_size = -65536');
    db.exec(`create virtual table customer_search using fts5 (grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii')`);
    const started = performance.now();
    const insert = db.prepare('insert into customer_search (rowid, grams) values (?, ?)');
    let current = -1;
    let tokens: string[] = [];
    // Read on a second connection: better-sqlite3 cannot write on a connection that is iterating.
    const reader = new SQLite(path, { readonly: true });
    db.transaction(() => {
      for (const row of reader.prepare('select customer_id, gram from customer_ngrams order by customer_id').iterate() as Iterable<{ customer_id: number; gram: string }>) {
        if (row.customer_id !== current) {
          if (tokens.length) insert.run(current, tokens.join(' '));
          current = row.customer_id;
          tokens = [];
        }
        tokens.push(token(row.gram));
      }
      if (tokens.length) insert.run(current, tokens.join(' '));
    })();
    reader.close();
    db.exec(`insert into customer_search (customer_search) values ('optimize')`);
    console.log(`FTS5 table built from customer_ngrams in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const btreeIds = (grams: string[]) =>
      db.prepare(grams.map(() => 'select customer_id from customer_ngrams where gram = ?').join(' intersect ')).pluck().all(...grams);
    const ftsIds = (grams: string[]) => db.prepare('select rowid from customer_search where customer_search match ?').pluck().all(all(grams));
    const ids = db.prepare('select id from customers order by random() limit 5000').pluck().all() as number[];
    const btreeProbe = db.prepare('select 1 from customer_ngrams where gram = ? and customer_id = ?').pluck();
    const ftsProbe = db.prepare('select 1 from customer_search where customer_search match ? and rowid = ?').pluck();

    const phone = (db.prepare(`select phone from customers where length(phone) >= 11 order by id limit 1 offset 777`).pluck().get() as string).replace(/\D/g, '');
    const terms = ['中兴', '华为', '北京', 'zx', 'hw', phone.slice(3, 9), '科技有限公司'];
    console.log('look-up                                   | matches | B-tree ms | FTS5 ms');
    for (const term of terms) {
      const grams = termGrams(term);
      const a = btreeIds(grams);
      const b = ftsIds(grams);
      if (a.length !== b.length) throw new Error(`${term}: ${a.length} ids from the B-tree, ${b.length} from FTS5`);
      const label = `all customers with the grams of "${term}" (${grams.length})`;
      console.log(`${label.padEnd(41)} | ${String(a.length).padStart(7)} | ${time(15, () => btreeIds(grams)).toFixed(2).padStart(9)} | ${time(15, () => ftsIds(grams)).toFixed(2).padStart(7)}`);
    }
    for (const term of ['中兴', 'zx']) {
      const gram = termGrams(term)[0]!;
      const b = time(5, () => ids.forEach((id) => btreeProbe.get(gram, id)));
      const f = time(5, () => ids.forEach((id) => ftsProbe.get(token(gram), id)));
      console.log(`${`5,000 walk probes of "${gram}"`.padEnd(41)} | ${'-'.padStart(7)} | ${b.toFixed(2).padStart(9)} | ${f.toFixed(2).padStart(7)}`);
    }
    const [from, to] = ['中', String.fromCodePoint('中'.codePointAt(0)! + 1)];
    const prefixB = () => db.prepare('select count(distinct customer_id) from customer_ngrams where gram >= ? and gram < ?').pluck().get(from, to);
    const prefixF = () => db.prepare('select count(*) from customer_search where customer_search match ?').pluck().get(`${token('中').slice(0)}x*`);
    console.log(`${'one character 中 (prefix), counted'.padEnd(41)} | ${String(prefixB()).padStart(7)} | ${time(5, prefixB).toFixed(2).padStart(9)} | ${time(5, prefixF).toFixed(2).padStart(7)} (${String(prefixF())})`);
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

main();
