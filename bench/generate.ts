// Generates the reference data set straight into the database, in large batches
// and big transactions — never through the HTTP API. Deterministic for a given seed.
//
// Every derived value is what the app itself would have written: search_text and the n-gram
// rows come from the server's own functions, customer_counts and next_follow_up_on are kept
// consistent with the rows, purchases.paid_fen is the sum of their payments.

import SQLite from 'better-sqlite3';
import pg from 'pg';
import { normalizeText, phoneDigits } from '../common/normalize.js';
import { createDb } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { rebuildArrears } from '../server/src/modules/customers/arrears-repo.js';
import { rebuildDuplicateKeys } from '../server/src/modules/customers/duplicate-keys-repo.js';
import { duplicateKeysOf } from '../common/duplicates/keys.js';
import { buildSearchText, ftsDocument, gramsOf, indexTerms, postgresEntry, searchParts, TERM_SEPARATOR } from '../server/src/search/index.js';
import {
  Rng, SOURCES, TITLES, chineseCompany, chinesePerson, landline, latinCompany, latinPerson, mobile,
} from './names.js';

export const BENCH_PASSWORD = 'bench-Passw0rd!';
export const STAFF = 200;
export const ADMINS = 3; // ids 1..3
export const OFFICE_STAFF = 7; // ids 4..10
export const FIRST_SALES_ID = ADMINS + OFFICE_STAFF + 1; // 11
/** The salesperson who receives ~2,000 active grants (delegations). */
export const DELEGATE_ID = FIRST_SALES_ID;
export const DELEGATE_GRANTS = 2000;
/** An ordinary salesperson the bench logs in as. */
export const SALES_ID = FIRST_SALES_ID + 1;
/** Status ids as the migration creates them; shares 50/20/20/10 %. */
export const STATUS_SHARES = [0.5, 0.2, 0.2, 0.1];

type ColType = 'int' | 'text';
type Cols = Record<string, ColType>;

const T: Record<string, Cols> = {
  users: { id: 'int', username: 'text', username_norm: 'text', display_name: 'text', role: 'text', password_hash: 'text', phone: 'text', email: 'text', department: 'text', active: 'int', version: 'int', created_at: 'text', updated_at: 'text', last_login_at: 'text' },
  app_meta: { key: 'text', value: 'text' },
  customers: { id: 'int', name: 'text', name_norm: 'text', keyword: 'text', keyword_norm: 'text', status_id: 'int', owner_id: 'int', created_on: 'text', industry: 'text', source: 'text', region: 'text', address: 'text', phone: 'text', website: 'text', notes: 'text', search_text: 'text', version: 'int', created_at: 'text', updated_at: 'text', deleted_at: 'text', deleted_by: 'int', next_follow_up_on: 'text', name_core: 'text', merged_into_id: 'int' },
  // The search index (search/term-store.ts): on SQLite the FTS5 document with rowid =
  // customer_id, on PostgreSQL the terms' hashes joined by U+0001, split on insert.
  customer_search: { customer_id: 'int', terms: 'text' },
  customer_counts: { owner_id: 'int', status_id: 'int', n: 'int' },
  contacts: { id: 'int', customer_id: 'int', name: 'text', title: 'text', mobile: 'text', phone: 'text', email: 'text', wechat: 'text', qq: 'text', notes: 'text', is_primary: 'int', version: 'int', created_at: 'text', updated_at: 'text' },
  followups: { id: 'int', customer_id: 'int', author_id: 'int', author_name: 'text', occurred_on: 'text', method: 'text', content: 'text', next_follow_up_on: 'text', sort_at: 'text', version: 'int', created_at: 'text', updated_at: 'text' },
  audit_log: { id: 'int', at: 'text', actor_id: 'int', actor_name: 'text', entity: 'text', entity_id: 'text', customer_id: 'int', action: 'text', changes: 'text' },
  delegations: { id: 'int', customer_id: 'int', from_user_id: 'int', to_user_id: 'int', starts_on: 'text', ends_on: 'text', granted_by: 'int', granted_at: 'text', ended_at: 'text', ended_by: 'int', end_reason: 'text', customer_name_snapshot: 'text' },
  suppliers: { id: 'int', name: 'text', contact_name: 'text', phone: 'text', email: 'text', address: 'text', bank_name: 'text', bank_account: 'text', tax_id: 'text', notes: 'text', active: 'int', version: 'int', created_at: 'text', updated_at: 'text' },
  products: { id: 'int', code: 'text', code_norm: 'text', name: 'text', model: 'text', unit: 'text', price_fen: 'int', annual_fee_fen: 'int', supplier_id: 'int', category: 'text', active: 'int', notes: 'text', version: 'int', created_at: 'text', updated_at: 'text' },
  quotes: { id: 'int', customer_id: 'int', quoted_on: 'text', valid_until: 'text', status: 'text', notes: 'text', amount_fen: 'int', author_id: 'int', author_name: 'text', purchased_at: 'text', version: 'int', created_at: 'text', updated_at: 'text' },
  quote_lines: { id: 'int', quote_id: 'int', position: 'int', product_id: 'int', quantity_milli: 'int', unit_price_fen: 'int', discount_fen: 'int', amount_fen: 'int' },
  purchases: { id: 'int', customer_id: 'int', product_id: 'int', quote_id: 'int', quantity_milli: 'int', unit_price_fen: 'int', discount_fen: 'int', amount_fen: 'int', paid_fen: 'int', purchased_on: 'text', annual_fee_fen: 'int', annual_fee_due_on: 'text', notes: 'text', version: 'int', created_at: 'text', updated_at: 'text' },
  payments: { id: 'int', purchase_id: 'int', customer_id: 'int', amount_fen: 'int', paid_on: 'text', method: 'text', notes: 'text', author_name: 'text', version: 'int', created_at: 'text' },
};
const BULK_TABLES = Object.keys(T).filter((t) => t !== 'app_meta' && t !== 'customer_counts');

// --- writers: one interface, SQLite prepared statements or PostgreSQL unnest batches ----------

interface Writer {
  add(table: string, row: unknown[]): void;
  /** End of a batch of customers: commit (SQLite) / send the buffered rows (PostgreSQL). */
  flush(): Promise<void>;
  dropSecondaryIndexes(): Promise<void>;
  restoreIndexes(log: (s: string) => void): Promise<void>;
  finish(): Promise<void>;
}

class SqliteWriter implements Writer {
  private db: SQLite.Database;
  private stmts = new Map<string, SQLite.Statement>();
  private indexes: { name: string; sql: string }[] = [];
  constructor(path: string) {
    this.db = new SQLite(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = OFF'); // consistent by construction; checked below
    this.db.pragma('synchronous = OFF'); // generation only; the server opens it with its own settings
    this.db.pragma('cache_size = -2000000'); // 2 GB page cache while loading
    this.db.pragma('temp_store = MEMORY');
    this.db.exec('BEGIN');
  }
  add(table: string, row: unknown[]) {
    let stmt = this.stmts.get(table);
    if (!stmt) {
      // An FTS5 table's key is its rowid.
      const cols = table === 'customer_search' ? ['rowid', 'terms'] : Object.keys(T[table]!);
      stmt = this.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      this.stmts.set(table, stmt);
    }
    stmt.run(row);
  }
  async flush() {
    this.db.exec('COMMIT');
    this.db.exec('BEGIN');
  }
  async dropSecondaryIndexes() {
    const list = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => '?').join(',')})`)
      .all(...BULK_TABLES) as { name: string; sql: string }[];
    this.indexes = list;
    this.db.exec('COMMIT');
    for (const i of list) this.db.exec(`DROP INDEX ${i.name}`);
    this.db.exec('BEGIN');
  }
  async restoreIndexes(log: (s: string) => void) {
    this.db.exec('COMMIT');
    for (const i of this.indexes) {
      const t = performance.now();
      this.db.exec(i.sql);
      log(`  index ${i.name} ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    this.db.exec('BEGIN');
  }
  async finish() {
    this.db.exec('COMMIT');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

class PostgresWriter implements Writer {
  private buffers = new Map<string, unknown[][]>();
  private counts = new Map<string, number>();
  private indexes: { name: string; sql: string }[] = [];
  private pending: Promise<void> = Promise.resolve();
  constructor(private client: pg.Client) {}
  static async open(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // Foreign-key triggers off for this session: the generator writes consistent data.
    await client.query('SET session_replication_role = replica');
    await client.query('SET synchronous_commit = off');
    await client.query("SET maintenance_work_mem = '1GB'");
    return new PostgresWriter(client);
  }
  add(table: string, row: unknown[]) {
    const cols = Object.keys(T[table]!);
    let buf = this.buffers.get(table);
    if (!buf) {
      buf = cols.map(() => []);
      this.buffers.set(table, buf);
    }
    for (let i = 0; i < cols.length; i++) buf[i]!.push(row[i] ?? null);
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }
  async flush() {
    const work: [string, unknown[][]][] = [...this.buffers.entries()];
    this.buffers.clear();
    this.counts.clear();
    await this.pending; // at most one batch in flight while the next is generated
    this.pending = (async () => {
      for (const [table, columns] of work) {
        const cols = Object.keys(T[table]!);
        const types = cols.map((c) => (T[table]![c] === 'int' ? 'int8[]' : 'text[]'));
        const n = columns[0]!.length;
        for (let from = 0; from < n; from += 50_000) {
          const params = columns.map((col) => col.slice(from, from + 50_000));
          const rows = `unnest(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')}) AS u(${cols.join(', ')})`;
          const picked = table === 'customer_search' ? `customer_id, string_to_array(terms, $${params.length + 1})::bigint[]` : '*';
          await this.client.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${picked} FROM ${rows}`, table === 'customer_search' ? [...params, TERM_SEPARATOR] : params);
        }
      }
    })();
    this.pending.catch(() => undefined); // rethrown by the next await of `pending`
  }
  async dropSecondaryIndexes() {
    // Plain indexes (the search index's GIN too) are rebuilt once, after the load.
    const { rows } = await this.client.query(
      `SELECT indexname AS name, indexdef AS sql FROM pg_indexes i
        WHERE schemaname = 'public' AND tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BULK_TABLES],
    );
    this.indexes = rows as { name: string; sql: string }[];
    for (const i of this.indexes) await this.client.query(`DROP INDEX ${i.name}`);
  }
  async restoreIndexes(log: (s: string) => void) {
    await this.pending;
    for (const i of this.indexes) {
      const t = performance.now();
      await this.client.query(i.sql);
      log(`  index ${i.name} ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  async finish() {
    await this.pending;
    // Explicit ids were written: move every identity past them.
    for (const table of BULK_TABLES.filter((t) => 'id' in T[t]!)) {
      await this.client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1))`,
      );
    }
    await this.client.query('SET session_replication_role = origin');
    await this.client.query('VACUUM ANALYZE');
    await this.client.end();
  }
}

// --- dates ------------------------------------------------------------------------------------

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
const startOfDay = (date: string) => new Date(`${date}T00:00:00+08:00`).getTime();
const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace('-02-29', '-02-28');

// --- the generator ------------------------------------------------------------------------------

export interface GenerateOptions {
  db: 'sqlite' | 'postgres';
  url: string;
  /** For SQLite: the file being written. */
  sqlitePath?: string;
  customers: number;
  seed: number;
  passwordHash: string;
  log: (s: string) => void;
}

export interface DatasetFacts {
  customers: number;
  contacts: number;
  followups: number;
  auditLog: number;
  purchases: number;
  payments: number;
  quotes: number;
  delegations: number;
  indexedTerms: number;
  seconds: number;
}

export async function generate(o: GenerateOptions): Promise<DatasetFacts> {
  const started = performance.now();
  const { log } = o;
  const database = createDb(o.url);
  await migrateToLatest(database.db);
  await database.close();

  const w: Writer = o.db === 'sqlite' ? new SqliteWriter(o.sqlitePath!) : await PostgresWriter.open(o.url);
  await w.dropSecondaryIndexes();

  const rng = new Rng(o.seed);
  // Dates are relative to the moment of generation (due fees, active grants, follow-ups).
  const now = Date.now();
  const epoch = Date.parse('2016-01-01T00:00:00Z');
  const nowIso = iso(now);

  // Staff: 3 admins, 7 office staff, 190 salespeople; all share one password hash.
  const names = new Map<number, string>();
  for (let id = 1; id <= STAFF; id++) {
    const role = id <= ADMINS ? 'admin' : id < FIRST_SALES_ID ? 'staff' : 'sales';
    const username = id === 1 ? 'admin' : role === 'admin' ? `admin${id}` : role === 'staff' ? `staff${String(id).padStart(3, '0')}` : `sales${String(id - FIRST_SALES_ID + 1).padStart(3, '0')}`;
    const display = id === 1 ? '管理员' : `${chinesePerson(rng)}${role === 'sales' ? '' : '（' + (role === 'admin' ? '管理' : '内勤') + '）'}`;
    names.set(id, display);
    w.add('users', [id, username, normalizeText(username), display, role, o.passwordHash, mobile(rng), `${username}@example.cn`, role === 'sales' ? `销售${rng.int(1, 6)}部` : '总部', 1, 1, nowIso, nowIso, null]);
  }
  w.add('app_meta', ['setup', nowIso]);
  w.add('app_meta', ['bench_dataset', `${o.customers}-${o.seed}`]);
  const salesIds = Array.from({ length: STAFF - FIRST_SALES_ID + 1 }, (_, i) => FIRST_SALES_ID + i);

  // Catalogue: 10 suppliers, 60 products, 40 % of them with an annual fee.
  const products: { id: number; name: string; price: number; fee: number }[] = [];
  for (let id = 1; id <= 10; id++) {
    w.add('suppliers', [id, `${chineseCompany(rng).name}`, chinesePerson(rng), landline(rng), `s${id}@supplier.cn`, '', '中国银行', rng.digits(16), rng.digits(18), '', 1, 1, nowIso, nowIso]);
  }
  for (let id = 1; id <= 60; id++) {
    const price = rng.int(50, 5000) * 100_00 / 100;
    const fee = rng.chance(0.4) ? Math.round(price * 0.15) : 0;
    const name = `${rng.pick(['ERP', 'CRM', '财务软件', '服务器', '交换机', '打印机', '监控系统', '门禁', '云存储', '安全网关'])} ${rng.pick(['标准版', '专业版', '企业版', 'X1', 'Pro'])}`;
    products.push({ id, name, price, fee });
    w.add('products', [id, `P${String(id).padStart(4, '0')}`, `p${String(id).padStart(4, '0')}`, name, `M-${rng.int(100, 999)}`, rng.pick(['套', '台', '个', '年']), price, fee, rng.int(1, 10), rng.pick(['软件', '硬件', '服务']), 1, '', 1, nowIso, nowIso]);
  }
  await w.flush();

  const counts = new Map<string, number>();
  const ids = { contact: 0, followup: 0, audit: 0, purchase: 0, payment: 0, quote: 0, line: 0, delegation: 0 };
  let indexedTerms = 0;
  let delegateGrants = 0;
  const BATCH = 10_000;
  const delegateEvery = Math.max(1, Math.floor(o.customers / DELEGATE_GRANTS));
  const method = ['phone', 'visit', 'wechat', 'email', 'other'];
  const payMethods = ['bank', 'cash', 'wechat', 'alipay', 'cheque', 'other'];

  for (let cid = 1; cid <= o.customers; cid++) {
    const chinese = rng.chance(0.5);
    const company = chinese ? chineseCompany(rng) : latinCompany(rng);
    const r = rng.next();
    const statusId = r < STATUS_SHARES[0]! ? 1 : r < STATUS_SHARES[0]! + STATUS_SHARES[1]! ? 2 : r < 0.9 ? 3 : 4;
    const ownerId = rng.pick(salesIds);
    const ownerName = names.get(ownerId)!;
    const createdMs = epoch + Math.floor(rng.next() * (now - 2 * DAY - epoch));
    const createdOn = dateOf(createdMs);
    const createdAt = iso(createdMs);
    const phone = rng.chance(0.7) ? landline(rng) : '';
    const address = company.region ? `${company.region}市${rng.pick(['科技', '人民', '建设', '中山', '解放', '滨海'])}路${rng.int(1, 999)}号` : '';

    // Contacts: 1..5 (3 on average); their names and phones are part of what finds the customer.
    const contactRows: unknown[][] = [];
    const nContacts = rng.int(1, 5);
    for (let k = 0; k < nContacts; k++) {
      const person = chinese ? chinesePerson(rng) : latinPerson(rng);
      contactRows.push([++ids.contact, cid, person, rng.pick(TITLES), mobile(rng), rng.chance(0.3) ? landline(rng) : '', rng.chance(0.5) ? `c${ids.contact}@mail.cn` : '', rng.chance(0.4) ? `wx_${rng.digits(6)}` : '', '', '', k === 0 ? 1 : 0, 1, createdAt, createdAt]);
    }
    const extra = contactRows
      .flatMap((c) => [c[2] as string, phoneDigits(c[4] as string), phoneDigits(c[5] as string)])
      .filter(Boolean);
    const parts = { name: company.name, keyword: company.keyword, phone, extra };

    // Timeline: created + 0..6 updates in the log (4 per customer on average), 0..2 follow-ups.
    let at = createdMs;
    const auditRows: unknown[][] = [];
    auditRows.push([++ids.audit, createdAt, ownerId, ownerName, 'customer', String(cid), cid, 'created', JSON.stringify([{ field: 'name', old: null, new: company.name }, { field: 'keyword', old: null, new: company.keyword }])]);
    const nUpdates = rng.int(0, 6);
    for (let k = 0; k < nUpdates; k++) {
      at += rng.int(1, 60) * DAY / 4;
      if (at > now) at = now - rng.int(1, 1000) * 1000;
      auditRows.push([++ids.audit, iso(at), ownerId, ownerName, 'customer', String(cid), cid, 'updated', JSON.stringify([{ field: 'notes', old: null, new: `第${k + 1}次更新备注` }])]);
    }
    let nextFollowUp: string | null = null;
    const nFollowups = rng.int(0, 2);
    let lastOccurred = '';
    for (let k = 0; k < nFollowups; k++) {
      const occurred = dateOf(createdMs + Math.floor(rng.next() * (now - createdMs)));
      const next = rng.chance(0.6) ? dateOf(startOfDay(occurred) + rng.int(1, 60) * DAY) : null;
      ids.followup++;
      if (occurred >= lastOccurred) {
        lastOccurred = occurred;
        nextFollowUp = next;
      }
      const sortAt = iso(startOfDay(occurred));
      w.add('followups', [ids.followup, cid, ownerId, ownerName, occurred, rng.pick(method), `${rng.pick(['电话沟通需求', '上门拜访', '发送报价', '微信跟进', '技术交流'])}，客户${rng.pick(['有意向', '考虑中', '需要再联系', '预算待批'])}`, next, sortAt, 1, sortAt, sortAt]);
    }
    const updatedAt = iso(Math.max(at, createdMs));

    const searchText = buildSearchText(parts);
    const keys = duplicateKeysOf(company.name, company.keyword);
    w.add('customers', [
      cid, company.name, keys.name_norm, company.keyword, keys.keyword_norm, statusId, ownerId, createdOn,
      company.industry, rng.pick(SOURCES), company.region, address, phone, rng.chance(0.2) ? `https://www.${company.keyword.length > 2 ? company.keyword.toLowerCase() : 'c' + cid}.com.cn` : '',
      rng.chance(0.3) ? `重要客户，${rng.pick(['年底续约', '关注价格', '决策周期长', '需要技术支持'])}` : '', searchText, 1 + nUpdates, createdAt, updatedAt, null, null, nextFollowUp, keys.name_core, null,
    ]);
    for (const c of contactRows) w.add('contacts', c);
    for (const a of auditRows) w.add('audit_log', a);
    const terms = indexTerms(gramsOf(searchParts(parts)));
    w.add('customer_search', [cid, o.db === 'sqlite' ? ftsDocument(terms) : postgresEntry(terms)]);
    indexedTerms += terms.length;
    const key = `${ownerId}:${statusId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);

    // Quotes: 0.2 per customer, one line each.
    if (rng.chance(0.2)) {
      const p = rng.pick(products);
      const qty = rng.int(1, 10);
      const quotedOn = dateOf(createdMs + Math.floor(rng.next() * (now - createdMs)));
      const qid = ++ids.quote;
      w.add('quotes', [qid, cid, quotedOn, dateOf(startOfDay(quotedOn) + 30 * DAY), rng.pick(['draft', 'sent', 'accepted', 'rejected', 'expired']), '', p.price * qty, ownerId, ownerName, null, 1, iso(startOfDay(quotedOn)), iso(startOfDay(quotedOn))]);
      w.add('quote_lines', [++ids.line, qid, 1, p.id, qty * 1000, p.price, 0, p.price * qty]);
    }

    // Purchases: 0.5 per customer; 70 % paid in full, 20 % partly, 10 % not at all.
    const nPurchases = rng.chance(0.4) ? (rng.chance(0.25) ? 2 : 1) : 0;
    for (let k = 0; k < nPurchases; k++) {
      const p = rng.pick(products);
      const qty = rng.int(1, 5);
      const amount = p.price * qty;
      const purchasedMs = Math.max(createdMs, now - rng.int(1, 3 * 365) * DAY);
      const purchasedOn = dateOf(purchasedMs);
      const u = rng.next();
      const paid = u < 0.7 ? amount : u < 0.9 ? Math.floor(amount * rng.int(1, 9) / 10) : 0;
      // The annual fee falls due a year after purchase, rolled forward past paid years.
      let due: string | null = null;
      if (p.fee > 0) {
        due = addYears(purchasedOn, 1);
        while (due < dateOf(now - 60 * DAY)) due = addYears(due, 1);
      }
      const pid = ++ids.purchase;
      w.add('purchases', [pid, cid, p.id, null, qty * 1000, p.price, 0, amount, paid, purchasedOn, p.fee * qty, due, '', 1, iso(purchasedMs), iso(purchasedMs)]);
      if (paid > 0) {
        w.add('payments', [++ids.payment, pid, cid, paid, dateOf(Math.min(now, purchasedMs + rng.int(0, 30) * DAY)), rng.pick(payMethods), '', ownerName, 1, iso(purchasedMs)]);
      }
    }

    // Delegations: the delegate salesperson gets ~2,000 active grants; 0.5 % of the others
    // have a grant to a colleague (a third of them already ended).
    if (cid % delegateEvery === 0 && ownerId !== DELEGATE_ID && delegateGrants < DELEGATE_GRANTS) {
      delegateGrants++;
      w.add('delegations', [++ids.delegation, cid, ownerId, DELEGATE_ID, dateOf(now - rng.int(1, 300) * DAY), rng.chance(0.5) ? null : dateOf(now + rng.int(30, 400) * DAY), ownerId, nowIso, null, null, null, company.name]);
    } else if (rng.chance(0.005)) {
      let to = rng.pick(salesIds);
      if (to === ownerId) to = to === salesIds.at(-1) ? salesIds[1]! : to + 1;
      const ended = rng.chance(0.33);
      w.add('delegations', [++ids.delegation, cid, ownerId, to, dateOf(now - rng.int(1, 300) * DAY), null, ownerId, nowIso, ended ? nowIso : null, ended ? ownerId : null, ended ? 'revoked' : null, company.name]);
    }

    if (cid % BATCH === 0 || cid === o.customers) {
      await w.flush();
      if (cid % (BATCH * 10) === 0 || cid === o.customers) {
        log(`  ${cid.toLocaleString('en')} customers, ${indexedTerms.toLocaleString('en')} index terms, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    }
  }
  for (const [key, n] of counts) {
    const [owner, status] = key.split(':').map(Number);
    w.add('customer_counts', [owner, status, n]);
  }
  await w.flush();
  log('  rebuilding indexes…');
  await w.restoreIndexes(log);
  await w.finish();
  // The arrears ledger, from the purchases just written (as the migration fills it).
  const loaded = createDb(o.url);
  await rebuildArrears(loaded.db);
  await rebuildDuplicateKeys(loaded.db);
  await loaded.close();
  return {
    customers: o.customers,
    contacts: ids.contact,
    followups: ids.followup,
    auditLog: ids.audit,
    purchases: ids.purchase,
    payments: ids.payment,
    quotes: ids.quote,
    delegations: ids.delegation,
    indexedTerms,
    seconds: (performance.now() - started) / 1000,
  };
}
