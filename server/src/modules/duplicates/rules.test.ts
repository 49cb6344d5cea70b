import { expect, it } from 'vitest';
import { inconsistencies } from '../../../test/consistency.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';

// Every duplicate rule through the API, as a sales team meets it, and what the warning must
// never give away.

const q = (params: Record<string, string>) => `/api/customers/duplicates?${new URLSearchParams(params)}`;

describeEachDb('duplicate rules', (get) => {
  let t: TestApp;
  let zhang: Session;
  let li: Session;
  let statusId: string;
  const create = (as: Session, name: string, keyword: string, extra: Record<string, unknown> = {}) =>
    t.post('/api/customers', { name, keyword, statusId, ...extra }, as);
  const reasons = (res: { body: { error?: { details: { matches: { customerName: string; reason: string }[] } } } }) =>
    res.body.error!.details.matches.map((m) => `${m.customerName}:${m.reason}`);

  it('finds the same keyword even when neither name holds it', async () => {
    t = get();
    zhang = await t.sessionFor('sales');
    li = await t.sessionFor('sales');
    statusId = (await t.get('/api/customer-statuses', zhang)).body[0].id;
    expect((await create(zhang, '深圳大疆创新科技有限公司', 'DJI', { notes: 'SECRET-NOTE' })).status).toBe(201);
    const res = await create(li, '深圳大疆创新科技有限公司', 'dji');
    expect(res.status).toBe(409);
    expect(res.body.error.details.matches).toEqual([{ customerName: '深圳大疆创新科技有限公司', ownerName: zhang.user.displayName, reason: 'same_keyword' }]);
    expect(res.text).not.toContain('SECRET-NOTE');
    expect(res.text).not.toMatch(/"id"/);
  });

  it('finds the same company written differently: another keyword, a bracketed city, a branch', async () => {
    expect(reasons(await create(li, '深圳大疆创新科技有限公司', '大疆无人机'))).toEqual(['深圳大疆创新科技有限公司:same_name']);
    expect(reasons(await create(li, '大疆创新科技（深圳）有限公司', '无人机'))).toEqual(['深圳大疆创新科技有限公司:same_name']);
    expect(reasons(await create(li, '大疆创新科技有限公司北京分公司', '航拍'))).toEqual(['深圳大疆创新科技有限公司:same_name']);
    expect(reasons(await create(li, '广东省深圳市大疆创新科技股份有限公司', '飞控'))).toEqual(['深圳大疆创新科技有限公司:same_name']);
  });

  it('tells the rules apart: keyword in the new name, new keyword in an existing name', async () => {
    expect((await create(zhang, '深圳市中兴通讯股份有限公司', '中兴通讯')).status).toBe(201);
    expect(reasons(await create(li, '中兴通讯华南技术服务部', '华南服务'))).toEqual(['深圳市中兴通讯股份有限公司:keyword_in_name']);
    expect(reasons(await create(li, '湖南兴通物流', '兴通'))).toEqual(['深圳市中兴通讯股份有限公司:name_has_keyword']);
  });

  it('keeps look-alike banks of different cities apart', async () => {
    expect((await create(zhang, '北京银行股份有限公司', '北京银行')).status).toBe(201);
    expect((await create(li, '上海银行股份有限公司', '上海银行')).status).toBe(201);
    expect(reasons(await create(li, '北京银行股份有限公司', '京行'))).toEqual(['北京银行股份有限公司:same_name']);
  });

  it('sees through full-width and invisible characters, in names and keywords', async () => {
    expect(reasons(await create(li, '深圳大\u200B疆创新科技有限公司', '无\u2060人\uFEFF机二'))).toEqual(['深圳大疆创新科技有限公司:same_name']);
    expect(reasons(await create(li, '珠海ＤＪＩ贸易', 'ＤＪＩ'))[0]).toBe('深圳大疆创新科技有限公司:same_keyword');
    for (const keyword of ['公\u200B司', '有\u00AD限公司', '科\uFEFF技', '深\u200C圳']) {
      const res = await create(li, `测试${keyword}名称`, keyword);
      expect(res.status, JSON.stringify(keyword)).toBe(422);
    }
  });

  it('re-checks a rename and a changed keyword, never against the customer itself', async () => {
    const own = (await create(li, '杭州海康威视数字技术有限公司', '海康威视')).body;
    const same = await t.patch(`/api/customers/${own.id}`, { version: own.version, name: '杭州海康威视数字技术股份有限公司' }, li);
    expect(same.status).toBe(200);
    const renamed = await t.patch(`/api/customers/${own.id}`, { version: same.body.version, name: '大疆创新科技有限公司' }, li);
    expect(reasons(renamed)).toEqual(['深圳大疆创新科技有限公司:same_name']);
    const rekeyed = await t.patch(`/api/customers/${own.id}`, { version: same.body.version, keyword: 'DJI' }, li);
    expect(reasons(rekeyed)).toEqual(['深圳大疆创新科技有限公司:same_keyword']);
    expect((await t.get(`/api/customers/${own.id}`, li)).body.keyword).toBe('海康威视');
  });

  it('answers generic probes with 422, never with a list', async () => {
    for (const keyword of ['公司', '有限公司', '科技', '公\u200B司', '深圳', '广东省', 'Ltd']) {
      const res = await t.get(q({ keyword }), li);
      expect(res.status, JSON.stringify(keyword)).toBe(422);
      expect(res.body.matches).toBeUndefined();
    }
    const genericName = await t.get(q({ name: '有限公司' }), li);
    expect(genericName.status).toBe(422);
    expect((await t.get(q({ name: '大疆创新科技（深圳）' }), li)).body.matches[0]).toEqual({
      customerName: '深圳大疆创新科技有限公司',
      ownerName: zhang.user.displayName,
      reason: 'same_name',
    });
  });

  it('counts excludeId only for a customer the caller can see', async () => {
    const theirs = (await t.get('/api/customers', zhang)).body.items.find((c: { name: string }) => c.name === '深圳大疆创新科技有限公司');
    const probe = { name: '深圳大疆创新科技有限公司', keyword: 'DJI' };
    const guessed = await t.get(q({ ...probe, excludeId: theirs.id }), li);
    expect(guessed.body.matches.map((m: { customerName: string }) => m.customerName)).toContain('深圳大疆创新科技有限公司');
    const own = await t.get(q({ ...probe, excludeId: theirs.id }), zhang);
    expect(own.body.matches.map((m: { customerName: string }) => m.customerName)).not.toContain('深圳大疆创新科技有限公司');
  });

  it('leaves every derived store exact', async () => {
    expect(await inconsistencies(t.db)).toEqual([]);
  });
});

describeEachDb(
  'one duplicate budget across paths',
  (get) => {
    it('is spent by live checks and 409 answers together, then answers 429 with Retry-After', async () => {
      const t = get();
      const owner = await t.sessionFor('sales');
      const s = await t.sessionFor('sales');
      const statusId = (await t.get('/api/customer-statuses', owner)).body[0].id;
      expect((await t.post('/api/customers', { name: '宁波舜宇光学科技有限公司', keyword: '舜宇光学', statusId }, owner)).status).toBe(201);
      for (let i = 0; i < 3; i++) expect((await t.get(q({ keyword: `舜宇${i}号` }), s)).status).toBe(200);
      // A create that finds nothing spends nothing.
      expect((await t.post('/api/customers', { name: '无锡先导智能装备', keyword: '先导智能', statusId }, s)).status).toBe(201);
      expect((await t.post('/api/customers', { name: '舜宇光学（宁波）有限公司', keyword: '舜宇', statusId }, s)).status).toBe(409);
      expect((await t.post('/api/customers', { name: '舜宇光学（宁波）有限公司', keyword: '舜宇', statusId }, s)).status).toBe(409);
      const spent = await t.post('/api/customers', { name: '舜宇光学（宁波）有限公司', keyword: '舜宇', statusId }, s);
      expect(spent.status).toBe(429);
      expect(spent.body.error.details?.matches).toBeUndefined();
      expect(Number(spent.headers['retry-after'])).toBeGreaterThan(0);
      expect((await t.get(q({ keyword: '先导' }), s)).status).toBe(429);
      // The refusal left nothing behind; the admin has no budget.
      expect((await t.get('/api/customers', s)).body.total).toBe(1);
      for (let i = 0; i < 8; i++) expect((await t.asAdmin('GET', q({ keyword: `舜宇${i}号` }))).status).toBe(200);
      t.clock.advance(61_000);
      expect((await t.get(q({ keyword: '先导' }), s)).status).toBe(200);
    });
  },
  { config: { duplicateChecksPerMinute: 5 } },
);

describeEachDb(
  'the daily duplicate budget',
  (get) => {
    it('holds past the minute and says when it opens again', async () => {
      const t = get();
      const s = await t.sessionFor('sales');
      for (let i = 0; i < 3; i++) {
        expect((await t.get(q({ keyword: `额度${i}号` }), s)).status).toBe(200);
        t.clock.advance(61_000);
      }
      const limited = await t.get(q({ keyword: '额度九号' }), s);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3600);
      t.clock.advance(24 * 3600_000);
      const again = await t.login(s.user);
      expect((await t.get(q({ keyword: '额度九号' }), again)).status).toBe(200);
    });
  },
  { config: { duplicateChecksPerMinute: 100, duplicateChecksPerDay: 3 } },
);
