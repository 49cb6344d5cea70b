import { expect, it } from 'vitest';
import { describeEachDb, type Session, type TestApp } from '../../../../test/harness.js';
import { LEASE_MS } from '../commit/run-commit.js';
import { upload, utf8Csv, waitForCommit } from '../../../../test/imports/helpers.js';

// Each validation rule, seen through the report of rejected rows and duplicates.

const header = ['客户名称', '关键字', '客户状态', '业务员', '创建日期', '网站', '联系人', '邮箱'];
type ImportRow = {
  rowNo: number;
  reasons: string[];
  matches: { customerName: string; ownerName: string; rowNo?: number; reason: string }[];
  matchesHidden?: boolean;
  canMerge: boolean;
};
/** A row of the file with only a name and a keyword. */
const named = (name: string, keyword: string) => [name, keyword, '', '', '', '', '', ''];

describeEachDb('import validation', (get) => {
  let t: TestApp;
  let sales: Session;
  let statusId: string;

  async function validated(as: Session, rows: string[][], defaults: Record<string, string> = {}, mapping?: (string | null)[]) {
    const up = await upload(t, as, 'v.csv', utf8Csv([header, ...rows]));
    expect(up.status, up.text).toBe(201);
    const v = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: mapping ?? up.body.suggestedMapping, defaults: { statusId, ...defaults } }, as);
    return { id: up.body.id as string, v };
  }
  const rowsOf = async (as: Session, id: string, outcome: string, lang: 'zh-CN' | 'en-US' = 'zh-CN') =>
    (await t.get(`/api/imports/${id}/rows?outcome=${outcome}`, as, { lang })).body.items as ImportRow[];

  it('accepts dates in the common formats and Excel serials, refusing the unreadable and the future', async () => {
    t = get();
    sales = await t.sessionFor('sales');
    statusId = (await t.get('/api/customer-statuses', sales)).body[0].id;
    const row = (i: number, date: string) => [`日期测试${i}号有限公司`, `日期测试${i}`, '', '', date, '', '', ''];
    const { id, v } = await validated(admin(), [
      row(1, '2019-03-15'),
      row(2, '2019/3/15'),
      row(3, '2019年3月15日'),
      row(4, '43539'),
      row(5, '2019-02-30'),
      row(6, '2031-01-01'),
      row(7, '下周'),
    ]);
    expect(v.status, v.text).toBe(200);
    expect(v.body).toMatchObject({ toCreate: 4, rejected: 3 });
    const rejected = await rowsOf(admin(), id, 'rejected');
    expect(rejected.map((r) => r.rowNo)).toEqual([6, 7, 8]);
    expect(rejected[1]!.reasons[0]).toContain('晚于今天');
    const en = await rowsOf(admin(), id, 'rejected', 'en-US');
    expect(en[2]!.reasons[0]).toBe('The creation date "下周" is not a date');
  });

  it('rejects unknown statuses and owners, generic and short keywords, missing and overlong fields, bad emails', async () => {
    const { id, v } = await validated(admin(), [
      ['状态测试贸易公司', '状态测试', '不存在的状态', '', '', '', '', ''],
      ['业务员测试贸易公司', '业务员测试', '', '无此人', '', '', '', ''],
      ['有限公司', '公司', '', '', '', '', '', ''],
      ['单字测试公司', '单', '', '', '', '', '', ''],
      ['', '无名', '', '', '', '', '', ''],
      ['超长测试公司', '超长测试', '', '', '', `http://${'x'.repeat(300)}.com`, '', ''],
      ['邮箱测试公司', '邮箱测试', '', '', '', '', '李四', 'not-an-email'],
      ['联系人测试公司', '联系人测试', '', '', '', '', '', 'li@example.com'],
      ['正常客户科技', '正常客户', '意向客户', sales.user.username, '', '', '', ''],
    ]);
    expect(v.body).toMatchObject({ toCreate: 1, rejected: 8 });
    const reasons = (await rowsOf(admin(), id, 'rejected')).map((r) => r.reasons.join('；'));
    expect(reasons[0]).toContain('客户状态“不存在的状态”不存在');
    expect(reasons[1]).toContain('业务员“无此人”不存在');
    expect(reasons[2]).toContain('过于通用');
    expect(reasons[3]).toContain('至少需要 2 个字符');
    expect(reasons[4]).toContain('缺少客户名称');
    expect(reasons[5]).toContain('网站过长（最多 200 个字符）');
    expect(reasons[6]).toContain('邮箱格式不正确');
    expect(reasons[7]).toContain('缺少联系人姓名');
  });

  it('finds duplicates against existing customers of any owner and within the file', async () => {
    const other = await t.sessionFor('sales');
    expect((await t.post('/api/customers', { name: '深圳市中兴通信股份有限公司', keyword: '中兴', statusId, notes: 'SECRET' }, other)).status).toBe(201);
    const { id, v } = await validated(sales, [
      ['中兴通讯上海分公司', '中兴上海', '', '', '', '', '', ''],
      ['华南兴通信办事处', '兴通信', '', '', '', '', '', ''],
      ['宁波大榭港务有限公司', '大榭港务', '', '', '', '', '', ''],
      ['大榭港务二期', '港务二期', '', '', '', '', '', ''],
    ], {}, ['name', 'keyword', 'status', null, 'createdOn', 'website', 'contact1.name', 'contact1.email']);
    expect(v.body).toMatchObject({ toCreate: 1, duplicates: 3 });
    const dups = await rowsOf(sales, id, 'duplicate');
    expect(dups.map((d) => [d.rowNo, d.matches])).toEqual([
      [2, [{ customerName: '深圳市中兴通信股份有限公司', ownerName: other.user.displayName, reason: 'keyword_in_name' }]],
      [3, [{ customerName: '深圳市中兴通信股份有限公司', ownerName: other.user.displayName, reason: 'name_has_keyword' }]],
      [5, [{ customerName: '宁波大榭港务有限公司', ownerName: sales.user.displayName, rowNo: 4, reason: 'keyword_in_name' }]],
    ]);
    expect(dups.some((d) => d.matchesHidden)).toBe(false);
    // Another salesperson's customer is not a merge target; an earlier row of the file is.
    expect(dups.map((d) => d.canMerge)).toEqual([false, false, true]);
    const report = await t.get(`/api/imports/${id}/rows`, sales);
    expect(report.text).not.toContain('SECRET');
  });

  it('finds rows of the file with the same keyword or the same company core', async () => {
    const { id, v } = await validated(sales, [
      named('深圳大疆创新科技有限公司', '大疆创新'),
      named('大疆创新科技（深圳）有限公司', '大疆深圳'),
      named('宁波天一阁文物商店', '天一阁'),
      named('鄞州博物馆服务部', '天 一 阁'),
    ], {}, ['name', 'keyword', 'status', null, 'createdOn', 'website', 'contact1.name', 'contact1.email']);
    expect(v.body).toMatchObject({ toCreate: 2, duplicates: 2 });
    const dups = await rowsOf(sales, id, 'duplicate');
    expect(dups.map((d) => [d.rowNo, d.matches, d.canMerge])).toEqual([
      [3, [{ customerName: '深圳大疆创新科技有限公司', ownerName: sales.user.displayName, rowNo: 2, reason: 'same_name' }], true],
      [5, [{ customerName: '宁波天一阁文物商店', ownerName: sales.user.displayName, rowNo: 4, reason: 'same_keyword' }], true],
    ]);
  });

  it('finds existing customers with the same keyword or the same company core, strongest first, invisible characters ignored', async () => {
    const other = await t.sessionFor('sales');
    expect((await t.post('/api/customers', { name: '大族激光科技产业集团股份有限公司', keyword: '大族激光', statusId }, other)).status).toBe(201);
    expect((await t.post('/api/customers', { name: '星海电子（苏州）有限公司', keyword: '星海电子', statusId }, sales)).status).toBe(201);
    const { id, v } = await validated(sales, [
      // Same core, the branch and places stripped.
      named('深圳市大族激光科技产业集团有限公司', '深圳大族'),
      // Same keyword through a zero-width space, and the existing keyword in the name (weaker).
      named('苏州星海电子贸易有限公司', '星\u200B海电子'),
      // A zero-width space in the name: the existing keyword is still in it.
      named('大族\u200B激光南方服务部', '大族南方'),
      // Generic and place keywords are refused as they are in the customer form, invisible characters or not.
      named('某某贸易有限公司', '公\u200B司'),
      named('深圳某某科技有限公司', '深圳'),
    ], {}, ['name', 'keyword', 'status', null, 'createdOn', 'website', 'contact1.name', 'contact1.email']);
    expect(v.body).toMatchObject({ toCreate: 0, duplicates: 3, rejected: 2 });
    const dups = await rowsOf(sales, id, 'duplicate');
    expect(dups.map((d) => [d.rowNo, d.matches.map((m) => [m.customerName, m.reason]), d.canMerge])).toEqual([
      [2, [['大族激光科技产业集团股份有限公司', 'same_name']], false],
      [3, [['星海电子（苏州）有限公司', 'same_keyword']], true],
      [4, [['大族激光科技产业集团股份有限公司', 'keyword_in_name']], false],
    ]);
    const rejected = await rowsOf(sales, id, 'rejected');
    expect(rejected.map((r) => [r.rowNo, r.reasons.join('；').includes('过于通用')])).toEqual([[5, true], [6, true]]);
  });

  it('keeps a salesperson to their own name: no owner column, no other default owner', async () => {
    const up = await upload(t, sales, 'o.csv', utf8Csv([header, ['归属测试公司', '归属测试', '', '', '', '', '', '']]));
    const someone = await t.createUser('sales');
    const asOther = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: up.body.suggestedMapping.map((f: string) => (f === 'owner' ? null : f)), defaults: { statusId, ownerId: someone.id } }, sales);
    expect(asOther.status).toBe(403);
    const withColumn = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: up.body.suggestedMapping, defaults: { statusId } }, sales);
    expect(withColumn.status).toBe(403);
    const own = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: up.body.suggestedMapping.map((f: string) => (f === 'owner' ? null : f)), defaults: { statusId } }, sales);
    expect(own.status, own.text).toBe(200);
    // Another salesperson does not see the import at all.
    expect((await t.get(`/api/imports/${up.body.id}`, await t.login(someone))).status).toBe(404);
  });

  it('requires the name and keyword columns, and refuses unknown fields', async () => {
    const up = await upload(t, sales, 'm.csv', utf8Csv([header, ['映射测试公司', '映射测试', '', '', '', '', '', '']]));
    const noKeyword = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: ['name'], defaults: { statusId } }, sales);
    expect(noKeyword.status).toBe(422);
    expect(noKeyword.body.error.details.fields.mapping).toBeTruthy();
    const unknown = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: ['name', 'keyword', 'salary'], defaults: { statusId } }, sales);
    expect(unknown.status).toBe(422);
  });

  it('validates in batches while other requests are answered, one validation at a time and no commit meanwhile', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`并行校验${i}号有限公司`, `并行校验${i}号`, '', '', '', '', '', '']);
    const { id, v } = await validated(admin(), rows);
    expect(v.body).toMatchObject({ toCreate: 20_000, duplicates: 0, rejected: 0 });
    const body = { mapping: v.body.mapping, defaults: { statusId } };
    let finished = false;
    const again = t.post(`/api/imports/${id}/validate`, body, admin()).then((r) => ((finished = true), r));
    // Once the second validation holds the import…
    const held = () => t.db.selectFrom('imports').select('worker').where('id', '=', Number(id)).executeTakeFirstOrThrow();
    while (!finished && !(await held()).worker) await new Promise((r) => setTimeout(r, 1));
    const [third, commit, seen, progress] = await Promise.all([
      t.post(`/api/imports/${id}/validate`, body, admin()),
      t.post(`/api/imports/${id}/commit`, { duplicateAction: 'skip' }, admin()),
      t.get('/api/customer-statuses', sales),
      t.get(`/api/imports/${id}`, admin()),
    ]);
    expect(progress.body).toMatchObject({ status: 'uploaded', isValidating: true, rowCount: 20_000 });
    expect(progress.body.validatedRows).toBeLessThan(20_000);
    // …other requests are answered before it ends (on SQLite it yields between its batches),
    // and neither a third validation nor a commit may start.
    expect(finished).toBe(false);
    expect(seen.status).toBe(200);
    expect(third.status, third.text).toBe(422);
    expect(commit.status, commit.text).toBe(422);
    const done = await again;
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'validated', toCreate: 20_000, isValidating: false, validatedRows: 20_000 });
    expect((await held()).worker).toBeNull();
    expect((await t.post(`/api/imports/${id}/commit`, { duplicateAction: 'skip' }, admin())).status).toBe(202);
  }, 60_000);

  it('frees an import whose validation stopped half-way once its lease runs out, with nothing left to commit', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`中断校验${i}号有限公司`, `中断校验${i}号`, '', '', '', '', '', '']);
    const { id, v } = await validated(admin(), rows);
    expect(v.body.status).toBe('validated');
    // A second validation whose process died after taking the import (startValidation).
    await t.db
      .updateTable('imports')
      .set({ status: 'uploaded', worker: 'dead-run', lease_until: new Date(t.clock.now().getTime() + LEASE_MS).toISOString() })
      .where('id', '=', Number(id))
      .execute();
    const body = { mapping: v.body.mapping, defaults: { statusId } };
    expect((await t.get(`/api/imports/${id}`, admin())).body).toMatchObject({ status: 'uploaded', isValidating: true });
    expect((await t.post(`/api/imports/${id}/commit`, { duplicateAction: 'skip' }, admin())).status).toBe(422);
    expect((await t.post(`/api/imports/${id}/validate`, body, admin())).status).toBe(422);
    t.clock.advance(LEASE_MS + 1000);
    expect((await t.get(`/api/imports/${id}`, admin())).body).toMatchObject({ status: 'uploaded', isValidating: false });
    const again = await t.post(`/api/imports/${id}/validate`, body, admin());
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ status: 'validated', toCreate: 30 });
  });

  function admin() {
    return t.admin;
  }
});

describeEachDb(
  'import validation and the duplicate budget',
  (get) => {
    it('names the matches of as many rows as the budget the live check shares allows, and hides the others', async () => {
      const t = get();
      const sales = await t.sessionFor('sales');
      const other = await t.sessionFor('sales');
      const statusId = (await t.get('/api/customer-statuses', sales)).body[0].id as string;
      const existing = ['甬江机电', '三江口水务', '天童寺素斋', '梁祝文化'];
      // The last one is the importer's own: a merge target, were it shown.
      for (const [i, keyword] of existing.entries()) {
        expect((await t.post('/api/customers', { name: `宁波${keyword}有限公司`, keyword, statusId }, i === 3 ? sales : other)).status).toBe(201);
      }
      // Three live checks spent of the five a minute.
      for (const keyword of ['甲乙丙', '丁戊己', '庚辛壬']) expect((await t.get(`/api/customers/duplicates?keyword=${encodeURIComponent(keyword)}`, sales)).status).toBe(200);
      const file = utf8Csv([header, named('新客户一号商行', '新客户一号'), ...existing.map((k) => named(`${k}贸易商行`, `${k}贸易`))]);
      const mapping = ['name', 'keyword', 'status', null, 'createdOn', 'website', 'contact1.name', 'contact1.email'];

      const up = await upload(t, sales, 'budget.csv', file);
      const v = await t.post(`/api/imports/${up.body.id}/validate`, { mapping, defaults: { statusId } }, sales);
      expect(v.status, v.text).toBe(200);
      // Hidden or not, all four are possible duplicates.
      expect(v.body).toMatchObject({ toCreate: 1, duplicates: 4 });
      const rows = (await t.get(`/api/imports/${up.body.id}/rows?outcome=duplicate`, sales)).body.items as ImportRow[];
      expect(rows.map((r) => [r.rowNo, r.matches.map((m) => [m.customerName, m.reason]), r.matchesHidden ?? false, r.canMerge])).toEqual([
        [3, [['宁波甬江机电有限公司', 'keyword_in_name']], false, false],
        [4, [['宁波三江口水务有限公司', 'keyword_in_name']], false, false],
        [5, [], true, false],
        [6, [], true, false],
      ]);
      const report = await t.get(`/api/imports/${up.body.id}/report?format=csv`, sales);
      expect(report.status).toBe(200);
      expect(report.text).toContain('今日查重额度已用完，未显示匹配客户');
      expect(report.text).not.toContain('宁波天童寺素斋有限公司');
      // The budget is spent: the next live check is refused.
      const live = await t.get(`/api/customers/duplicates?keyword=${encodeURIComponent('癸子丑')}`, sales);
      expect(live.status).toBe(429);
      expect(Number(live.headers['retry-after'])).toBeGreaterThan(0);
      // Skipping or creating hidden rows works as for any possible duplicate.
      expect((await t.post(`/api/imports/${up.body.id}/commit`, { duplicateAction: 'skip', perRow: { '6': 'create' } }, sales)).status).toBe(202);
      expect((await waitForCommit(t, sales, up.body.id)).body).toMatchObject({ status: 'done', created: 2, skipped: 3 });

      // The admin has no budget: every match is named.
      const asAdmin = await upload(t, t.admin, 'budget.csv', file);
      const va = await t.post(`/api/imports/${asAdmin.body.id}/validate`, { mapping, defaults: { statusId } }, t.admin);
      expect(va.status, va.text).toBe(200);
      const adminRows = (await t.get(`/api/imports/${asAdmin.body.id}/rows?outcome=duplicate`, t.admin)).body.items as ImportRow[];
      expect(adminRows.map((r) => [r.rowNo, r.matches.length > 0, r.matchesHidden ?? false, r.canMerge])).toEqual([
        [2, true, false, true],
        [3, true, false, true],
        [4, true, false, true],
        [5, true, false, true],
        [6, true, false, true],
      ]);
    });
  },
  { config: { duplicateChecksPerMinute: 5 } },
);
