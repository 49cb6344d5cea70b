import { expect, it } from 'vitest';
import { createCustomer, createDelegation } from '../../../test/factories.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';
import * as repo from './repo.js';
import { scopeFor } from '../../policy/scope.js';
import { lookupTerms, normalizeTerm, termGrams } from '../../search/index.js';

async function statusIds(t: TestApp, as: Session) {
  const res = await t.get('/api/customer-statuses', as);
  return Object.fromEntries(res.body.map((s: { name: string; id: string }) => [s.name, s.id])) as Record<string, string>;
}

describeEachDb('customers', (get) => {
  it('creates a customer with defaults, shows it under its status with counts', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const statuses = await statusIds(t, zhang);
    const res = await t.post('/api/customers', { name: '深圳市中兴通信股份有限公司', keyword: '中兴', statusId: statuses['正式客户'], phone: '0755-2677 0000' }, zhang);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '深圳市中兴通信股份有限公司', keyword: '中兴', ownerId: zhang.user.id, ownerName: zhang.user.displayName, statusName: '正式客户', createdOn: '2026-11-27', version: 1 });
    // The answer is built from the inserted row, not read back: it must be what a read gives,
    // for the salesperson's own customer and for one the admin creates in another's name.
    expect(res.body).toEqual((await t.get(`/api/customers/${res.body.id}`, zhang)).body);
    const forZhang = await t.post('/api/customers', { name: '深圳代建客户', keyword: '代建客户', statusId: statuses['潜在客户'], ownerId: zhang.user.id, industry: '电子', notes: '管理员代建', createdOn: '2020-02-29' }, t.admin);
    expect(forZhang.status, forZhang.text).toBe(201);
    expect(forZhang.body).toEqual((await t.get(`/api/customers/${forZhang.body.id}`, t.admin)).body);
    expect(forZhang.body).toEqual((await t.get(`/api/customers/${forZhang.body.id}`, zhang)).body);
    expect((await t.request('DELETE', `/api/customers/${forZhang.body.id}`, { as: t.admin })).status).toBe(204);
    const counts = (await t.get('/api/customer-statuses', zhang)).body;
    expect(counts.find((s: { name: string }) => s.name === '正式客户').customerCount).toBe(1);
    const list = await t.get(`/api/customers?statusId=${statuses['正式客户']}`, zhang);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['深圳市中兴通信股份有限公司']);
    expect(list.body.total).toBe(1);
    for (const q of ['中兴', 'zx', 'ZX', '0755', '26770000', '中', '股份']) {
      const found = await t.get(`/api/customers?q=${encodeURIComponent(q)}`, zhang);
      expect(found.body.items.length, q).toBe(1);
    }
    expect((await t.get(`/api/customers?q=${encodeURIComponent('华为')}`, zhang)).body.items).toEqual([]);
  });

  it('uses the business time zone for the default creation date and accepts a backdated one', async () => {
    const t = get();
    t.clock.set('2026-12-31T17:30:00Z'); // already 1 January in Shanghai
    const s = await t.sessionFor('sales');
    const statuses = await statusIds(t, s);
    const res = await t.post('/api/customers', { name: '跨年测试公司', keyword: '跨年测试', statusId: statuses['潜在客户'] }, s);
    expect(res.body.createdOn).toBe('2027-01-01');
    const old = await t.post('/api/customers', { name: '老客户', keyword: '老客户', statusId: statuses['潜在客户'], createdOn: '2019-05-04' }, s);
    expect(old.body.createdOn).toBe('2019-05-04');
    const future = await t.post('/api/customers', { name: '未来客户', keyword: '未来客户', statusId: statuses['潜在客户'], createdOn: '2030-01-01' }, s);
    expect(future.status).toBe(422);
    t.clock.set('2026-11-27T02:00:00Z');
  });

  it('lets a salesperson name only themself as owner; the admin names any salesperson', async () => {
    const t = get();
    const a = await t.sessionFor('sales');
    const b = await t.sessionFor('sales');
    const statuses = await statusIds(t, a);
    const body = { name: '归属测试有限公司', keyword: '归属测试', statusId: statuses['潜在客户'], ownerId: b.user.id };
    expect((await t.post('/api/customers', body, a)).status).toBe(403);
    const byAdmin = await t.asAdmin('POST', '/api/customers', body);
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.ownerId).toBe(b.user.id);
    const staff = await t.sessionFor('staff');
    const toStaff = await t.asAdmin('POST', '/api/customers', { ...body, name: '归属测试二', keyword: '归属二', ownerId: staff.user.id });
    expect(toStaff.status).toBe(422);
    expect((await t.post('/api/customers', { name: '员工客户', keyword: '员工客户', statusId: statuses['潜在客户'] }, staff)).status).toBe(403);
  });

  it('keeps each salesperson to their own customers: 404 for another one, nothing in lists or counts', async () => {
    const t = get();
    const a = await t.sessionFor('sales');
    const b = await t.sessionFor('sales');
    const statuses = await statusIds(t, a);
    const canary = `CANARY${Date.now()}`;
    const { id } = await createCustomer(t, a, { name: `${canary}贸易`, keyword: canary, statusId: statuses['意向客户'], notes: canary });
    expect((await t.get(`/api/customers/${id}`, b)).status).toBe(404);
    expect((await t.patch(`/api/customers/${id}`, { version: 1, notes: 'x' }, b)).status).toBe(404);
    expect((await t.delete(`/api/customers/${id}`, b)).status).toBe(404);
    for (const url of ['/api/customers', `/api/customers?q=${canary}`, '/api/customer-statuses', `/api/customers?ownerId=${a.user.id}`]) {
      const res = await t.get(url, b);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(canary);
    }
    const counts = (await t.get('/api/customer-statuses', b)).body;
    expect(counts.every((s: { customerCount: number }) => s.customerCount === 0)).toBe(true);
    expect((await t.get(`/api/customers/${id}`, a)).status).toBe(200);
    expect((await t.asAdmin('GET', `/api/customers/${id}`)).status).toBe(200);
  });

  it('edits with optimistic locking and logs old → new', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const statuses = await statusIds(t, s);
    const c = await createCustomer(t, s, { statusId: statuses['潜在客户'] });
    const edited = await t.patch(`/api/customers/${c.id}`, { version: 1, phone: '123456', statusId: statuses['正式客户'] }, s);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ phone: '123456', statusName: '正式客户', version: 2 });
    const stale = await t.patch(`/api/customers/${c.id}`, { version: 1, phone: '999' }, s);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    const trail = await t.asAdmin('GET', '/api/audit?entity=customer&pageSize=500');
    const entry = trail.body.items.find((e: { entityId: string; action: string }) => e.entityId === c.id && e.action === 'updated');
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: 'phone', old: '', new: '123456' },
        { field: 'status', old: '潜在客户', new: '正式客户' },
      ]),
    );
    expect((await t.get(`/api/customers?q=123456`, s)).body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
  });

  it('moves a deleted customer to the recycle bin, and the admin restores it', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const c = await createCustomer(t, s);
    expect((await t.delete(`/api/customers/${c.id}`, s)).status).toBe(204);
    expect((await t.get(`/api/customers/${c.id}`, s)).status).toBe(404);
    expect((await t.get('/api/customers/recycle-bin', s)).status).toBe(403);
    const bin = await t.asAdmin('GET', '/api/customers/recycle-bin');
    expect(bin.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await t.post(`/api/customers/${c.id}/restore`, undefined, s)).status).toBe(403);
    expect((await t.asAdmin('POST', `/api/customers/${c.id}/restore`)).status).toBe(204);
    expect((await t.get(`/api/customers/${c.id}`, s)).status).toBe(200);
    expect((await t.asAdmin('POST', `/api/customers/${c.id}/restore`)).status).toBe(404);
  });

  it('transfers one, several or all customers of a salesperson to another', async () => {
    const t = get();
    const from = await t.sessionFor('sales');
    const to = await t.sessionFor('sales');
    const statuses = await statusIds(t, from);
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await createCustomer(t, from, { statusId: statuses['正式客户'] })).id);
    }
    const one = await t.asAdmin('POST', `/api/users/${from.user.id}/transfer-customers`, { toUserId: to.user.id, customerIds: [ids[0]] });
    expect(one.body).toEqual({ moved: 1 });
    const rest = await t.asAdmin('POST', `/api/users/${from.user.id}/transfer-customers`, { toUserId: to.user.id });
    expect(rest.body).toEqual({ moved: 2 });
    expect((await t.get('/api/customers', from)).body.items).toEqual([]);
    expect((await t.get('/api/customers', to)).body.total).toBe(3);
    const counts = (await t.get('/api/customer-statuses', to)).body;
    expect(counts.find((s: { name: string }) => s.name === '正式客户').customerCount).toBe(3);
    expect((await t.post(`/api/users/${to.user.id}/transfer-customers`, { toUserId: from.user.id }, to)).status).toBe(403);
  });

  it('pages by page number and by keyset cursor with the same rows', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    for (let i = 0; i < 7; i++) await createCustomer(t, s, { createdOn: `2026-01-0${i + 1}` });
    const byPage = [];
    for (let p = 1; p <= 3; p++) byPage.push(...(await t.get(`/api/customers?pageSize=3&page=${p}&sort=createdOn&order=asc`, s)).body.items);
    const byCursor = [];
    let url = '/api/customers?pageSize=3&sort=createdOn&order=asc';
    for (;;) {
      const res = await t.get(url, s);
      byCursor.push(...res.body.items);
      if (!res.body.nextCursor) break;
      url = `/api/customers?pageSize=3&sort=createdOn&order=asc&cursor=${res.body.nextCursor}`;
    }
    expect(byCursor.map((c) => c.id)).toEqual(byPage.map((c) => c.id));
    expect(byCursor).toHaveLength(7);
    expect((await t.get('/api/customers?sort=secret', s)).status).toBe(422);
    expect((await t.get('/api/customers?cursor=garbage', s)).status).toBe(422);
  });

  it('merges owned and granted customers into one ordered list at any page, by number and by cursor', async () => {
    const t = get();
    const me = await t.sessionFor('sales');
    const colleague = await t.sessionFor('sales');
    const statuses = await statusIds(t, me);
    const statusId = statuses['潜在客户'];
    const make = async (as: Session, i: number, prefix: string) =>
      (await createCustomer(t, as, { name: `${prefix}合并${i}号`, keyword: `${prefix}合并${i}`, statusId, createdOn: `2026-0${1 + (i % 3)}-1${i % 10}` })).id;
    const mine = [];
    for (let i = 0; i < 7; i++) mine.push(await make(me, i, '自有'));
    const theirs = [];
    for (let i = 0; i < 8; i++) theirs.push(await make(colleague, i, '同事'));
    // Five granted, one of them revoked again; one granted but then deleted; two never granted.
    await createDelegation(t, colleague, theirs.slice(0, 6), me.user.id);
    const revoked = (await t.get(`/api/customers/${theirs[4]}/delegations`, colleague)).body.items[0].id;
    expect((await t.post(`/api/delegations/${revoked}/revoke`, {}, colleague)).status).toBe(200);
    expect((await t.request('DELETE', `/api/customers/${theirs[5]}`, { as: colleague })).status).toBe(204);
    const expected = [...mine, ...theirs.slice(0, 4)].sort();
    // A search counts the owned and the granted branch separately; the sum is the total.
    const searched = (await t.get(`/api/customers?q=${encodeURIComponent('合并')}&pageSize=100`, me)).body;
    expect(searched.items.map((c: { id: string }) => c.id).sort()).toEqual(expected);
    expect(searched.total).toBe(expected.length);
    // The two branches are counted side by side, each up to the cap: at every cap, the same
    // capped total as counting the granted branch only up to what the owned one left.
    const term = normalizeTerm('合并');
    const scope = scopeFor(t.ctx, { id: Number(me.user.id), username: me.user.username, displayName: me.user.displayName, role: 'sales' });
    expect(scope.branches).toBeDefined();
    for (let cap = 0; cap <= expected.length + 1; cap++) {
      expect(await repo.countCustomers(t.db, scope, { term, terms: lookupTerms(term, termGrams(term)) }, cap), `cap ${cap}`).toBe(Math.min(expected.length, cap + 1));
    }
    const capped = (await t.get(`/api/customers?q=${encodeURIComponent('合并')}&statusId=${statusId}&pageSize=2`, me)).body;
    expect([capped.total, capped.totalExact, capped.items.length]).toEqual([expected.length, true, 2]);

    for (const [sort, order] of [['createdOn', 'desc'], ['createdOn', 'asc'], ['name', 'asc'], ['id', 'desc'], ['updatedAt', 'desc']] as const) {
      const all = (await t.get(`/api/customers?pageSize=100&sort=${sort}&order=${order}&statusId=${statusId}`, me)).body;
      expect(all.items.map((c: { id: string }) => c.id).sort(), sort).toEqual(expected);
      expect(all.total).toBe(expected.length);
      const byPage = [];
      for (let p = 1; p <= 4; p++) byPage.push(...(await t.get(`/api/customers?pageSize=3&page=${p}&sort=${sort}&order=${order}&statusId=${statusId}`, me)).body.items);
      const byCursor = [];
      let url = `/api/customers?pageSize=3&sort=${sort}&order=${order}&statusId=${statusId}`;
      for (;;) {
        const res = await t.get(url, me);
        byCursor.push(...res.body.items);
        if (!res.body.nextCursor) break;
        url = `/api/customers?pageSize=3&sort=${sort}&order=${order}&statusId=${statusId}&cursor=${res.body.nextCursor}`;
      }
      const ids = all.items.map((c: { id: string }) => c.id);
      expect(byPage.map((c) => c.id), `${sort} by page`).toEqual(ids);
      expect(byCursor.map((c) => c.id), `${sort} by cursor`).toEqual(ids);
    }
  });
});
