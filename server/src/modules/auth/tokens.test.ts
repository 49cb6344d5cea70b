import { expect, it } from 'vitest';
import { createCustomer, firstStatusId } from '../../../test/factories.js';
import { describeEachDb, type TestApp } from '../../../test/harness.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describeEachDb('personal API tokens', (get) => {
  it('creates a named token shown once, which then acts exactly as its user', async () => {
    const t: TestApp = get();
    const zhang = await t.sessionFor('sales');
    const other = await t.sessionFor('sales');
    const statusId = await firstStatusId(t, zhang);
    const theirs = (await createCustomer(t, other)).id;
    const created = await t.post('/api/auth/tokens', { name: 'ERP 同步', expiresOn: '2027-12-31' }, zhang);
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^kehu_/);
    expect(created.body).toMatchObject({ name: 'ERP 同步', expiresOn: '2027-12-31', revokedAt: null });
    const listed = (await t.get('/api/auth/tokens', zhang)).body.items;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.body.token);
    const stored = await t.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored[0]!.token_hash).not.toContain(created.body.token);

    const h = bearer(created.body.token);
    expect((await t.request('GET', '/api/auth/me', { headers: h })).body.username).toBe(zhang.user.username);
    const made = await t.request('POST', '/api/customers', { headers: h, body: { name: '令牌客户公司', keyword: '令牌客户', statusId } });
    expect(made.status).toBe(201);
    expect(made.body.ownerId).toBe(zhang.user.id);
    expect((await t.request('GET', `/api/customers/${theirs}`, { headers: h })).status).toBe(404);
    expect((await t.request('GET', '/api/users/1', { headers: h })).status).toBe(403);
  });

  it('stops working once revoked, expired, or its user is disabled', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const a = (await t.post('/api/auth/tokens', { name: 'A' }, s)).body;
    const b = (await t.post('/api/auth/tokens', { name: 'B', expiresOn: '2026-11-27' }, s)).body;
    const c = (await t.post('/api/auth/tokens', { name: 'C' }, s)).body;
    expect((await t.delete(`/api/auth/tokens/${a.id}`, s)).status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { headers: bearer(a.token) })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { headers: bearer(b.token) })).status).toBe(200);
    t.clock.set('2026-11-27T16:00:00Z'); // the next day in Shanghai
    expect((await t.request('GET', '/api/auth/me', { headers: bearer(b.token) })).status).toBe(401);
    t.clock.set('2026-11-27T02:00:00Z');
    const row = (await t.asAdmin('GET', `/api/users/${s.user.id}`)).body;
    await t.asAdmin('PATCH', `/api/users/${s.user.id}`, { version: row.version, active: false });
    expect((await t.request('GET', '/api/auth/me', { headers: bearer(c.token) })).status).toBe(401);
    expect((await t.post('/api/auth/tokens', { name: 'past', expiresOn: '2020-01-01' }, await t.sessionFor('sales'))).status).toBe(422);
  });
});

describeEachDb(
  'API token throttling',
  (get) => {
    it('throttles guessing tokens like guessing passwords', async () => {
      const t = get();
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await t.request('GET', '/api/auth/me', { headers: bearer(`kehu_guess${i}`) })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    });
  },
  { config: { login: { maxFailuresPerUser: 5, maxFailuresPerIp: 5, windowMs: 900_000, delayMs: 2_000, maxDelayMs: 60_000 } } },
);
