import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';
import { inconsistencies } from '../../../test/consistency.js';
import { gbCsv, upload, utf8BomCsv, utf8Csv, waitForCommit, xlsxFile } from '../../../test/imports/helpers.js';

const header = ['客户名称', '关键字', '客户状态', '创建日期', '电话', '联系人', '手机', '联系人2', '手机2'];

describeEachDb('customer import', (get) => {
  let t: TestApp;
  let sales: Session;
  let statusId: string;

  it('reads UTF-8, UTF-8 with BOM and GB18030 CSV alike, recognising Chinese headers', async () => {
    t = get();
    sales = await t.sessionFor('sales');
    statusId = (await t.get('/api/customer-statuses', sales)).body[0].id;
    const rows = [header, ['杭州西湖龙井茶业有限公司', '西湖龙井', '', '2019/3/15', '0571-1', '王五', '13800000001', '', '']];
    for (const [name, content, encoding] of [
      ['a.csv', utf8Csv(rows), 'utf-8'],
      ['b.csv', utf8BomCsv(rows), 'utf-8'],
      ['c.csv', gbCsv(rows), 'gb18030'],
    ] as const) {
      const res = await upload(t, sales, name, content);
      expect(res.status, res.text).toBe(201);
      expect(res.body.encoding).toBe(encoding);
      expect(res.body.columns).toEqual(header);
      expect(res.body.preview[0][0]).toBe('杭州西湖龙井茶业有限公司');
      expect(res.body.suggestedMapping).toEqual(['name', 'keyword', 'status', 'createdOn', 'phone', 'contact1.name', 'contact1.mobile', 'contact2.name', 'contact2.mobile']);
      expect(res.body.rowCount).toBe(1);
    }
  });

  it('imports an xlsx end to end: validate, commit in the background, customers and contacts visible', async () => {
    const file = await xlsxFile([
      ['Name', 'Keyword', 'Created on', 'Contact', 'Mobile', 'Contact 2', 'Mobile 2'],
      ['舟山普陀渔具制造厂', '普陀渔具', new Date(Date.UTC(2018, 4, 2)), '赵六', '13900000002', '钱七', '13900000003'],
      ['衢州柯城竹器公司', '柯城竹器', 43539, '', '', '', ''],
    ]);
    const up = await upload(t, sales, '客户.xlsx', file);
    expect(up.status, up.text).toBe(201);
    expect(up.body.suggestedMapping).toEqual(['name', 'keyword', 'createdOn', 'contact1.name', 'contact1.mobile', 'contact2.name', 'contact2.mobile']);
    const v = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: up.body.suggestedMapping, defaults: { statusId } }, sales);
    expect(v.status, v.text).toBe(200);
    expect(v.body).toMatchObject({ status: 'validated', toCreate: 2, duplicates: 0, rejected: 0 });
    const c = await t.post(`/api/imports/${up.body.id}/commit`, { duplicateAction: 'skip' }, sales);
    expect(c.status, c.text).toBe(202);
    const done = await waitForCommit(t, sales, up.body.id);
    expect(done.body).toMatchObject({ status: 'done', total: 2, processed: 2, created: 2, skipped: 0 });
    const list = await t.get(`/api/customers?q=${encodeURIComponent('钱七')}`, sales);
    expect(list.body.items.map((x: { name: string; createdOn: string }) => [x.name, x.createdOn])).toEqual([['舟山普陀渔具制造厂', '2018-05-02']]);
    const serial = await t.get(`/api/customers?q=${encodeURIComponent('柯城竹器')}`, sales);
    expect(serial.body.items[0].createdOn).toBe('2019-03-15');
    expect(await inconsistencies(t.db)).toEqual([]);
  });

  it('reads the shipped sample file: four new customers, one possible duplicate, one rejected row', async () => {
    const file = readFileSync(join(import.meta.dirname, '../../../../docs/sample-import.xlsx'));
    const up = await upload(t, t.admin, 'sample-import.xlsx', file);
    expect(up.status, up.text).toBe(201);
    expect(up.body.suggestedMapping).toEqual(['name', 'keyword', 'status', 'createdOn', 'industry', 'region', 'phone', 'contact1.name', 'contact1.title', 'contact1.mobile', 'contact2.name', 'contact2.mobile', 'notes']);
    const v = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: up.body.suggestedMapping, defaults: { statusId } }, t.admin);
    expect(v.body).toMatchObject({ rowCount: 6, toCreate: 4, duplicates: 1, rejected: 1 });
  });
});
