import { expect, it } from 'vitest';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';

async function firstStatus(t: TestApp, as: Session): Promise<string> {
  return (await t.get('/api/customer-statuses', as)).body[0].id;
}

describeEachDb('keyword duplicate check', (get) => {
  let t: TestApp;
  let zhang: Session;
  let li: Session;
  let statusId: string;
  const create = (as: Session, name: string, keyword: string, extra: Record<string, unknown> = {}) =>
    t.post('/api/customers', { name, keyword, statusId, ...extra }, as);

  it('warns when the new name contains an existing keyword, across owners, naming only customer and owner', async () => {
    t = get();
    zhang = await t.sessionFor('sales');
    li = await t.sessionFor('sales');
    statusId = await firstStatus(t, zhang);
    expect((await create(zhang, '深圳市中兴通信股份有限公司', '中兴', { notes: 'SECRET-NOTE', phone: '0755-1' })).status).toBe(201);
    const res = await create(li, '中兴通讯（上海）分公司', '中兴上海');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('duplicate_keyword');
    expect(res.body.error.details.matches).toEqual([{ customerName: '深圳市中兴通信股份有限公司', ownerName: zhang.user.displayName, reason: 'keyword_in_name' }]);
    expect(res.text).not.toContain('SECRET-NOTE');
    expect(res.text).not.toContain('0755');
    expect((await t.get('/api/customers', li)).body.items).toEqual([]);
  });

  it('warns when an existing name contains the new keyword', async () => {
    const res = await create(li, 'ZTE 华南办事处', '兴通信');
    expect(res.status).toBe(409);
    expect(res.body.error.details.matches[0].customerName).toBe('深圳市中兴通信股份有限公司');
  });

  it('ignores case, full-width characters and spaces', async () => {
    expect((await create(zhang, 'Acme Widgets Inc', 'AcmeW')).status).toBe(201);
    const res = await create(li, 'ａｃｍｅ ｗ 中国区', '艾克米');
    expect(res.status).toBe(409);
    const spaced = await t.get(`/api/customers/duplicates?keyword=${encodeURIComponent('ACME  W')}`, li);
    expect(spaced.body.matches.map((m: { customerName: string }) => m.customerName)).toEqual(['Acme Widgets Inc']);
  });

  it('gives no false positive for an unrelated name', async () => {
    const res = await create(li, '北京华为技术有限公司', '华为');
    expect(res.status).toBe(201);
    const live = await t.get(`/api/customers/duplicates?name=${encodeURIComponent('广州白云山制药厂')}&keyword=${encodeURIComponent('白云山')}`, li);
    expect(live.body.matches).toEqual([]);
  });

  it('saves a look-alike once the user confirms', async () => {
    const res = await create(li, '中兴通讯（上海）分公司', '中兴上海', { confirmDuplicate: true });
    expect(res.status).toBe(201);
  });

  it('checks renames too, and not a customer against itself', async () => {
    const own = (await create(li, '杭州海康威视数字技术', '海康威视')).body;
    const same = await t.patch(`/api/customers/${own.id}`, { version: own.version, name: '杭州海康威视数字技术股份' }, li);
    expect(same.status).toBe(200);
    const clash = await t.patch(`/api/customers/${own.id}`, { version: same.body.version, keyword: '华为' }, li);
    expect(clash.status).toBe(409);
    expect(clash.body.error.details.matches[0].customerName).toBe('北京华为技术有限公司');
    const before = await t.get(`/api/customers/${own.id}`, li);
    expect(before.body.keyword).toBe('海康威视');
  });

  it('refuses generic or too short keywords with a clear message, and the admin can extend the list', async () => {
    for (const keyword of ['公司', '科技', '深圳', 'Ｌｔｄ', '某']) {
      const res = await create(zhang, `测试${keyword}名称`, keyword);
      expect(res.status, keyword).toBe(422);
      expect(res.body.error.details.fields.keyword).toBeTruthy();
    }
    expect((await t.post('/api/generic-keywords', { word: '电器' }, zhang)).status).toBe(403);
    expect((await t.asAdmin('POST', '/api/generic-keywords', { word: '电器' })).status).toBe(201);
    expect((await create(zhang, '美的电器', '电器')).status).toBe(422);
    expect((await t.asAdmin('DELETE', `/api/generic-keywords/${encodeURIComponent('电器')}`)).status).toBe(204);
    expect((await create(zhang, '美的电器', '电器')).status).toBe(201);
  });

  it('refuses a live check by a short name or keyword with 422, never a list', async () => {
    const short = await t.get(`/api/customers/duplicates?name=${encodeURIComponent('中兴')}`, li);
    expect(short.status).toBe(422);
    expect(short.body.error.details.fields.name).toBeTruthy();
    const kw1 = await t.get(`/api/customers/duplicates?keyword=${encodeURIComponent('中')}`, li);
    expect(kw1.status).toBe(422);
    expect((await t.get('/api/customers/duplicates', li)).status).toBe(422);
    const enough = await t.get(`/api/customers/duplicates?name=${encodeURIComponent('中兴科技园')}`, li);
    expect(enough.body.matches.length).toBeGreaterThan(0);
    expect(enough.body.matches.length).toBeLessThanOrEqual(10);
  });

  it('is refused to staff', async () => {
    const staff = await t.sessionFor('staff');
    expect((await t.get(`/api/customers/duplicates?keyword=${encodeURIComponent('中兴')}`, staff)).status).toBe(403);
  });
});

describeEachDb(
  'duplicate check limits',
  (get) => {
    it('rate-limits the live check per user so it cannot enumerate customers', async () => {
      const t = get();
      const s = await t.sessionFor('sales');
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await t.get(`/api/customers/duplicates?keyword=ab${i}`, s)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const limited = await t.get('/api/customers/duplicates?keyword=abx', s);
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBeTruthy();
      const other = await t.sessionFor('sales');
      expect((await t.get('/api/customers/duplicates?keyword=abx', other)).status).toBe(200);
      t.clock.advance(61_000);
      expect((await t.get('/api/customers/duplicates?keyword=abx', s)).status).toBe(200);
    });

    it('caps matches at 10', async () => {
      const t = get();
      const s = await t.sessionFor('sales');
      const statusId = (await t.get('/api/customer-statuses', s)).body[0].id;
      for (let i = 0; i < 12; i++) {
        await t.post('/api/customers', { name: `长江${i}号实业`, keyword: `长江${i}号`, statusId, confirmDuplicate: true }, s);
      }
      const res = await t.post('/api/customers', { name: '长江实业集团', keyword: '长江', statusId }, s);
      expect(res.status).toBe(409);
      expect(res.body.error.details.matches).toHaveLength(10);
    });
  },
  { config: { duplicateChecksPerMinute: 5 } },
);

describeEachDb('simultaneous look-alike creates', (get) => {
  // On PostgreSQL the requests run on separate pooled connections under READ COMMITTED.
  it('never lets two look-alikes both pass unwarned', async () => {
    const t = get();
    const a = await t.sessionFor('sales');
    const b = await t.sessionFor('sales');
    const statusId = (await t.get('/api/customer-statuses', a)).body[0].id;
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([
        t.post('/api/customers', { name: `并发${round}号电子有限公司`, keyword: `并发${round}号`, statusId }, a),
        t.post('/api/customers', { name: `上海并发${round}号电子`, keyword: `并发${round}号电`, statusId }, b),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    }
  });
});
