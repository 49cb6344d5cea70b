import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { createCustomer, firstStatusId } from '../../../test/factories.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';

async function seed(t: TestApp, as: Session, rows: { name: string; keyword: string; notes?: string; phone?: string }[]) {
  const statusId = await firstStatusId(t, as);
  for (const r of rows) await createCustomer(t, as, { ...r, statusId, confirmDuplicate: true });
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const sheet = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  let formulas = 0;
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
    row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulas++;
    });
  });
  return { rows, formulas };
}

describeEachDb('export', (get) => {
  it('exports the visible, filtered list to CSV with a BOM and neutralised cells', async () => {
    const t = get();
    const a = await t.sessionFor('sales');
    const b = await t.sessionFor('sales');
    await seed(t, a, [
      { name: '导出甲公司', keyword: '导出甲', notes: '=HYPERLINK("http://evil","x")', phone: '+86 755 1234' },
      { name: '导出乙公司', keyword: '导出乙', notes: '  @SUM(1)' },
    ]);
    await seed(t, b, [{ name: '别人的导出公司', keyword: '别人导出', notes: 'CANARY-EXPORT' }]);
    const res = await t.get('/api/customers/export?format=csv&sort=name&order=asc', a);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(String(res.headers['content-disposition'])).toMatch(/attachment/);
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const lines = res.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^客户名称,关键字,客户状态,业务员/);
    expect(lines).toHaveLength(3);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(res.text).toContain("'@SUM(1)"); // stored trimmed; leading spaces are covered in cells.test.ts
    expect(res.text).toContain("'+86 755 1234");
    expect(res.text).not.toContain('CANARY-EXPORT');
    const en = await t.get('/api/customers/export?format=csv', a, { lang: 'en-US' });
    expect(en.text.slice(1)).toMatch(/^Name,Keyword,Status,Owner/);
    const filtered = await t.get(`/api/customers/export?format=csv&q=${encodeURIComponent('导出乙')}`, a);
    expect(filtered.text.trim().split('\r\n')).toHaveLength(2);
  });

  it('exports xlsx with text cells only, never formulas, and nothing invisible', async () => {
    const t = get();
    const a = await t.sessionFor('sales');
    const b = await t.sessionFor('sales');
    await seed(t, a, [{ name: '表格甲公司', keyword: '表格甲', notes: '=1+2', phone: '-5' }]);
    await seed(t, b, [{ name: '表格别人公司', keyword: '表格别人', notes: 'CANARY-XLSX' }]);
    const res = await t.app.inject({ method: 'GET', url: '/api/customers/export?format=xlsx', headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const { rows, formulas } = await readXlsx(res.rawPayload);
    expect(formulas).toBe(0);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(expect.arrayContaining(['表格甲公司', "'=1+2", "'-5"]));
    expect(JSON.stringify(rows)).not.toContain('CANARY-XLSX');
  });

  it('gives staff an empty list and refuses bad formats', async () => {
    const t = get();
    const staff = await t.sessionFor('staff');
    const res = await t.get('/api/customers/export?format=csv', staff);
    expect(res.status).toBe(200);
    expect(res.text.trim().split('\r\n')).toHaveLength(1);
    expect((await t.get('/api/customers/export?format=pdf', staff)).status).toBe(422);
  });
});
