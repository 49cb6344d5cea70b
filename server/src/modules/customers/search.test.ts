import { expect, it } from 'vitest';
import { normalizeText } from '../../../../common/normalize.js';
import { describeEachDb } from '../../../test/harness.js';
import { sql } from 'kysely';
import { down as downToNgrams, up as upToPostingLists } from '../../db/migrations/2026_11_27_1500_search_index_posting_lists.js';
import { down as downToLocaleTerms, up as upToByteOrderTerms } from '../../db/migrations/2026_11_27_2000_search_terms_in_byte_order.js';
import { down as downToTextTerms, up as upToHashedTerms } from '../../db/migrations/2026_11_27_2200_search_terms_as_hashes.js';
import { customerScope } from '../../policy/scope.js';
import * as repo from './repo.js';
import { allIndexedTerms, asIndexed, gramsOf, indexTerms, lookupTerms, normalizeTerm, searchParts, termGrams, termHash } from '../../search/index.js';

// The n-gram index must give exactly what a plain scan gives.

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const alphabet = [...'中兴华为北京通信科技电子上海深圳广州贸易股份有限公司海康威视长江实业', ...'abcxyz', ...'0123'];

describeEachDb('search', (get) => {
  it('finds by n-grams exactly what a plain scan finds (CJK, 1 and 2 characters, pinyin, phone)', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const statusId = (await t.get('/api/customer-statuses', s)).body[0].id;
    const random = seeded(42);
    const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const customers: { id: string; name: string; keyword: string; phone: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const name = `${pick(3 + Math.floor(random() * 8))}${i}`;
      const keyword = `${pick(2)}${i}`;
      const phone = random() < 0.5 ? `0755-${Math.floor(random() * 1e7)}` : '';
      const res = await t.post('/api/customers', { name, keyword, statusId, phone, confirmDuplicate: true }, s);
      expect(res.status, res.text).toBe(201);
      customers.push({ id: res.body.id, name, keyword, phone });
    }
    const terms = ['中', '兴', 'a', '0', '中兴', '有限', '公司', 'zx', 'gs', '0755', '海康威', 'x1', '12', '京通'];
    for (let i = 0; i < 10; i++) terms.push(pick(1 + Math.floor(random() * 2)));
    // Fragments of real parts, 3–8 characters: phone runs and Latin runs go through the long
    // windows (4 digits, 3 letters); mixed ones through windows and bigrams together.
    for (let i = 0; i < 30; i++) {
      const c = customers[Math.floor(random() * customers.length)]!;
      const parts = searchParts(c);
      const part = parts[Math.floor(random() * parts.length)]!;
      const chars = [...part];
      const len = Math.min(chars.length, 3 + Math.floor(random() * 6));
      const start = Math.floor(random() * (chars.length - len + 1));
      terms.push(chars.slice(start, start + len).join(''));
    }
    terms.push('abc', 'xyz', '0755-1', '75512', 'a0', 'zzzz', '9999');
    for (const q of terms) {
      const term = normalizeTerm(q);
      const expected = customers
        .filter((c) => searchParts(c).some((part) => part.includes(term)))
        .map((c) => c.id)
        .sort();
      const res = await t.get(`/api/customers?q=${encodeURIComponent(q)}&pageSize=500`, s);
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { id: string }) => c.id).sort(), `q=${q}`).toEqual(expected);
      expect(res.body.total).toBe(expected.length);
    }
    expect(normalizeText('Ｚ Ｘ')).toBe('zx');
  });

  it('PostgreSQL compares text index terms as bytes (migration 2000), then keeps their hashes (migration 2200), and a search reads them through the index', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const statusId = (await t.get('/api/customer-statuses', s)).body[0].id;
    const made = await t.post('/api/customers', { name: 'Ärzte 华为深圳', keyword: 'ärzte', statusId }, s);
    expect(made.status, made.text).toBe(201);
    const found = async () => {
      for (const q of ['华为', '华', 'ärz', 'hw']) {
        const res = await t.get(`/api/customers?q=${encodeURIComponent(q)}`, s);
        expect(res.body.items.map((c: { id: string }) => c.id), q).toContain(made.body.id);
      }
    };
    await found();
    if (t.kind !== 'postgres') return;
    const collation = async () =>
      (await sql<{ c: string | null }>`select collation_name as c from information_schema.columns where table_name = 'customer_search' and column_name = 'terms'`.execute(t.db)).rows[0]!.c;
    // With seq scans priced out, a plan without the GIN index would mean the query's array no
    // longer takes the column's collation.
    const plan = () =>
      t.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select customer_id from customer_search where terms @> ${['华为']}::text[]`.execute(trx);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    // The customer under its text terms, as the index held them before migration 2200 (the
    // app's searches look hashes up, so they are checked once the hashes are back).
    const underText = async () => {
      const { rows } = await sql<{ id: string }>`select customer_id::text as id from customer_search where terms @> ${['华为', '华', 'hw']}::text[]`.execute(t.db);
      return rows.map((r) => r.id);
    };
    // Migration 2000 is about text terms: back to them first (migration 2200).
    await downToTextTerms(t.db);
    expect(await underText()).toContain(String(made.body.id));
    expect(await collation()).toBe('C');
    expect(await plan()).toContain('customer_search_terms');
    await downToLocaleTerms(t.db);
    expect(await collation()).toBeNull();
    expect(await underText()).toContain(String(made.body.id));
    await upToByteOrderTerms(t.db);
    expect(await collation()).toBe('C');
    expect(await plan()).toContain('customer_search_terms');
    await upToHashedTerms(t.db);
    await found();
    // The hashed terms are looked up through the GIN index too.
    const hashedPlan = await t.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select customer_id from customer_search where terms @> ${[termHash('华为')]}::bigint[]`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(hashedPlan).toContain('customer_search_terms');
  });

  it('the upgrade to posting lists indexes existing customers from their search text, and the downgrade restores the n-grams', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const statusId = (await t.get('/api/customer-statuses', s)).body[0].id;
    const made = await t.post('/api/customers', { name: 'Zentech 深圳', keyword: 'zentech', statusId, phone: '0755-86001234' }, s);
    expect(made.status, made.text).toBe(201);
    const id = Number(made.body.id);
    const contact = await t.post(`/api/customers/${id}/contacts`, { name: '王小明', mobile: '13800138000' }, s);
    expect(contact.status, contact.text).toBe(201);
    const terms = indexTerms(gramsOf(searchParts({ name: 'Zentech 深圳', keyword: 'zentech', phone: '0755-86001234', extra: ['王小明', '13800138000'] })));
    const before = await allIndexedTerms(t.db);
    expect(before.get(id)?.sort()).toEqual(asIndexed(t.db, terms).sort());
    // Back to the n-gram table, which holds every gram of every customer (through migration
    // 2200's text terms on PostgreSQL)…
    if (t.kind === 'postgres') await downToTextTerms(t.db);
    await downToNgrams(t.db);
    const { rows } = await sql<{ gram: string }>`select gram from customer_ngrams where customer_id = ${id}`.execute(t.db);
    expect(rows.map((r) => r.gram).sort()).toEqual(terms.filter((term) => [...term].length > 1).sort());
    // …and up again: the same terms for every customer, and searches find them.
    await upToPostingLists(t.db);
    if (t.kind === 'postgres') await upToHashedTerms(t.db);
    expect(await allIndexedTerms(t.db)).toEqual(before);
    for (const q of ['深圳', '深', 'zen', '8600', '王小明', 'sz', '1380013']) {
      const res = await t.get(`/api/customers?q=${encodeURIComponent(q)}`, s);
      expect(res.body.items.map((c: { id: number }) => Number(c.id)), q).toContain(id);
    }
  });

  it('walking the order index (against the postings or the rows) lists and counts exactly what the index-driven search does', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const statusId = (await t.get('/api/customer-statuses', s)).body[0].id;
    const random = seeded(7);
    const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 40; i++) {
      const res = await t.post('/api/customers', { name: `${pick(4 + Math.floor(random() * 6))}${i}`, keyword: `${pick(2)}${i}`, statusId, phone: `0755-${Math.floor(random() * 1e7)}`, createdOn: `2025-0${1 + (i % 9)}-1${i % 10}`, confirmDuplicate: true }, s);
      expect(res.status, res.text).toBe(201);
    }
    // As on any database that has been running a while (autovacuum): PostgreSQL without any
    // statistics plans the walks' semi-joins as nested scans, seconds even at this size.
    if (t.kind === 'postgres') await sql`analyze`.execute(t.db);
    const today = '2026-11-27';
    const scopes = [customerScope(t.db, { id: 1, username: 'admin', displayName: 'admin', role: 'admin' }, today), customerScope(t.db, { id: Number(s.user.id), username: s.user.username, displayName: s.user.displayName, role: 'sales' }, today)];
    let seen = 0;
    for (const q of ['中兴', '有限公司', 'ab', '0755', '755', '京通', pick(2), pick(3), pick(2)]) {
      const term = normalizeTerm(q);
      for (const scope of scopes) {
        for (const sort of ['createdOn', 'name', 'id'] as const) {
          const filter = { term, terms: lookupTerms(term, termGrams(term)) };
          const driven = await repo.listCustomers(t.db, scope, filter, sort, 'desc', 500, { offset: 0 });
          seen += driven.length;
          for (const walk of ['postings', 'rows'] as const) {
            const walked = await repo.listCustomers(t.db, scope, { ...filter, walk }, sort, 'desc', 500, { offset: 0 });
            expect(walked.map((r) => r.id), `${q} ${sort} ${walk}`).toEqual(driven.map((r) => r.id));
            const page2 = await repo.listCustomers(t.db, scope, { ...filter, walk }, sort, 'desc', 3, { offset: 3 });
            expect(page2.map((r) => r.id)).toEqual(driven.slice(3, 6).map((r) => r.id));
            expect(await repo.countCustomers(t.db, scope, { ...filter, walk }, 1000), `${q} ${walk}`).toBe(driven.length);
          }
          // A walk by rows through a window of rows, then (the page not full) from the postings.
          for (const rowsBudget of [5, 1000]) {
            const walked = await repo.listCustomers(t.db, scope, { ...filter, walk: 'rows', rowsBudget }, sort, 'desc', 4, { offset: 0 });
            expect(walked.map((r) => r.id), `${q} ${sort} budget ${rowsBudget}`).toEqual(driven.slice(0, 4).map((r) => r.id));
            const after = driven[3];
            if (!after) continue;
            const value = sort === 'createdOn' ? after.created_on : sort === 'name' ? after.name : after.id;
            const next = await repo.listCustomers(t.db, scope, { ...filter, walk: 'rows', rowsBudget }, sort, 'desc', 4, { after: [value, after.id] });
            expect(next.map((r) => r.id), `${q} ${sort} budget ${rowsBudget} cursor`).toEqual(driven.slice(4, 8).map((r) => r.id));
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(100);
  });
});
