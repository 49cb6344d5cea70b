import { expect, it } from 'vitest';
import { createCustomer } from './factories.js';
import { describeEachDb } from './harness.js';

// What an attacker sends, on every list that takes text: SQL metacharacters are data, sort
// fields come from an allow-list, and nothing answers 5xx.

const payloads = ["' OR '1'='1", '" OR 1=1 --', '%', '_', '\\', "'; DROP TABLE customers; --", '%%%', 'a\u0000b', '中兴\' --', '$1', '(select 1)'];

describeEachDb('attacker input', (get) => {
  it('treats SQL metacharacters in every search parameter as plain text', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    // Named plainly: no payload may find it, and the factory's default keyword holds a `_`.
    await createCustomer(t, s, { name: '正常客户公司', keyword: '正常客户' });
    const lists = ['/api/customers?q=', '/api/users?q=', '/api/products?q=', '/api/suppliers?q=', '/api/customers/duplicates?keyword=', '/api/customers/duplicates?name=', '/api/customers/export?format=csv&q='];
    for (const url of lists) {
      for (const p of payloads) {
        const res = await t.get(url + encodeURIComponent(p), s);
        expect(res.status, `${url}${p}`).toBeLessThan(500);
        if (res.status === 200 && url.startsWith('/api/customers?')) expect(res.body.items, p).toEqual([]);
      }
    }
    // The table is still there and whole.
    expect((await t.get('/api/customers', s)).body.total).toBe(1);
  });

  it('refuses sort fields outside the allow-list and malformed ids everywhere', async () => {
    const t = get();
    for (const url of [
      '/api/customers?sort=name;drop', '/api/customers?sort=search_text', '/api/users?sort=password_hash', '/api/products?sort=cost',
      '/api/suppliers?sort=id desc', '/api/customers?order=sideways', '/api/customers/1 or 1=1', '/api/customers/-1', '/api/customers/1e3',
      '/api/customers/99999999999999999999', '/api/customers?page=0', '/api/customers?statusId=1;--', '/api/reports/annual-fees?withinDays=-5',
    ]) {
      const res = await t.get(url, t.admin);
      expect(res.status, url).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('never answers 5xx to malformed bodies on any write route', async () => {
    const t = get();
    const routes = t.built.apiRoutes.filter((r) => r.method !== 'GET');
    const bodies = ['{', '[]', '"x"', 'null', '{"version":"x"}', JSON.stringify({ a: 'x'.repeat(10_000) }), '{"__proto__":{"x":1}}'];
    for (const r of routes) {
      const url = r.url.replace(/:[a-zA-Z]+/g, '1');
      for (const raw of bodies) {
        const res = await t.request(r.method, url, { as: t.admin, raw, headers: { 'content-type': 'application/json' } });
        expect(res.status, `${r.method} ${url} ${raw.slice(0, 20)}`).toBeLessThan(500);
      }
    }
  });
});
