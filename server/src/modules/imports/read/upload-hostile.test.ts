import { expect, it } from 'vitest';
import { describeEachDb, type Session, type TestApp } from '../../../../test/harness.js';
import { craftedXlsx, repeatedPart, SHEET_HEAD, SHEET_TAIL } from '../../../../test/imports/crafted-xlsx.js';
import { XLSX_READ_BYTES } from './spreadsheet.js';
import { gbCsv, upload, utf8Csv, xlsxFile } from '../../../../test/imports/helpers.js';

// Hostile files are refused with a 4xx and a clear reason, and leave nothing behind.

describeEachDb('hostile import files', (get) => {
  let t: TestApp;
  let sales: Session;

  async function refused(name: string, content: Buffer, status: number, headers?: Record<string, string>) {
    const count = async (table: 'imports' | 'import_rows') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = [await count('imports'), await count('import_rows')];
    const res = await upload(t, sales, name, content, headers);
    expect(res.status, res.text).toBe(status);
    expect([await count('imports'), await count('import_rows')]).toEqual(before);
    return res;
  }

  it('refuses an unmarked multipart upload (CSRF) with 415', async () => {
    t = get();
    sales = await t.sessionFor('sales');
    await refused('a.csv', utf8Csv([['客户名称', '关键字'], ['甲', '乙']]), 415, {});
  });

  it('refuses what is not a spreadsheet: an image, an old .xls, a zip that is no workbook, an empty file', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect((await refused('photo.csv', png, 422)).body.error.details.fields.file).toContain('无法识别');
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect((await refused('old.xls', xls, 422)).body.error.details.fields.file).toContain('.xls');
    const docx = await xlsxFile([['a']]);
    // Rename the workbook part: a zip, but no spreadsheet.
    const renamed = Buffer.from(docx.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmm'), 'latin1');
    await refused('fake.xlsx', renamed, 422);
    await refused('empty.csv', Buffer.alloc(0), 422);
    await refused('header-only.csv', utf8Csv([['客户名称', '关键字']]), 422);
  });

  it('refuses a file over 50 MB with 413', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 10, 'a');
    const res = await refused('big.csv', big, 413);
    expect(res.body.error.code).toBe('payload_too_large');
  }, 60_000);

  it('refuses an xlsx that declares more inflated content than any customer list needs (zip bomb)', async () => {
    const file = await xlsxFile([['客户名称', '关键字'], ['炸弹测试公司', '炸弹测试']]);
    // Declare 1.5 GB for the first entry in the central directory.
    const cd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const first = file.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(cd).toBeGreaterThan(0);
    file.writeUInt32LE(1_500_000_000, first + 24);
    const res = await refused('bomb.xlsx', file, 422);
    expect(res.body.error.details.fields.file).toContain('解压后过大');
  });

  it('refuses, saying why, an xlsx whose one cell inflates to 16 MB, and one that inflates past what is read', async () => {
    const head = `${SHEET_HEAD}<row><c t="inlineStr"><is><t>`;
    const cell = craftedXlsx([repeatedPart('xl/worksheets/sheet1.xml', head, 'x'.repeat(65_536), 256, `</t></is></c></row>${SHEET_TAIL}`)]);
    expect((await refused('cell.xlsx', cell, 422)).body.error.details.fields.file).toContain('单元格内容过长');
    const english = await refused('cell.xlsx', cell, 422, { 'x-kehu-request': '1', 'accept-language': 'en-US' });
    expect(english.body.error.details.fields.file).toBe('A cell in the file holds more than 1000000 characters; it cannot be imported');
    const rows = '<row><c t="inlineStr"><is><t>炸弹测试公司</t></is></c></row>'.repeat(1000);
    const big = craftedXlsx([repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, rows, Math.ceil(XLSX_READ_BYTES / rows.length), SHEET_TAIL)]);
    expect((await refused('big.xlsx', big, 422)).body.error.details.fields.file).toContain('解压后过大');
  });

  it('refuses more than 200,000 rows without keeping any of them', async () => {
    const lines = ['客户名称,关键字', ...Array.from({ length: 200_001 }, (_, i) => `r${i},k${i}`)].join('\n');
    const res = await refused('many.csv', Buffer.from(lines), 422);
    expect(res.body.error.details.fields.file).toContain('200000');
  }, 120_000);

  it('decodes GB18030 when the bytes are not UTF-8, and refuses garbage that is neither', async () => {
    const ok = await upload(t, sales, 'gbk.csv', gbCsv([['客户名称', '关键字'], ['广州白云山制药厂', '白云山']]));
    expect(ok.status).toBe(201);
    expect(ok.body.preview[0]).toEqual(['广州白云山制药厂', '白云山']);
    const garbage = Buffer.concat([Buffer.from('name,keyword\n'), Buffer.from([0xff, 0xfe, 0xff, 0x2c, 0xff, 0xff, 0x0a])]);
    const res = await refused('garbage.csv', garbage, 422);
    expect(res.body.error.details.fields.file).toContain('编码');
  });

  it('takes formula cells by their cached value, never evaluating, and keeps formula text inert', async () => {
    const file = await xlsxFile([['客户名称', '关键字', '备注'], ['公式测试公司', '公式测试', '']], (sheet) => {
      sheet.getCell('C2').value = { formula: 'HYPERLINK("http://evil.example","点我")', result: '点我' } as never;
      sheet.addRow(['公式二号公司', '公式二号', '']);
      sheet.getCell('C3').value = { formula: 'CMD|"/c calc"!A0' } as never;
    });
    const up = await upload(t, sales, 'f.xlsx', file);
    expect(up.status, up.text).toBe(201);
    expect(up.body.preview[0][2]).toBe('点我');
    expect(up.body.preview[1][2]).toBe(`'=CMD|"/c calc"!A0`);
    const csv = await upload(t, sales, 'f.csv', utf8Csv([['客户名称', '关键字', '备注'], ['公式三号公司', '公式三号', '=1+1']]));
    expect(csv.body.preview[0][2]).toBe("'=1+1");
  });

  it('rejects a row whose field is longer than the schema allows', async () => {
    const up = await upload(t, sales, 'long.csv', utf8Csv([['客户名称', '关键字'], ['长'.repeat(101), '超长名称']]));
    const statusId = (await t.get('/api/customer-statuses', sales)).body[0].id;
    const v = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: ['name', 'keyword'], defaults: { statusId } }, sales);
    expect(v.body.rejected).toBe(1);
    const rows = await t.get(`/api/imports/${up.body.id}/rows?outcome=rejected`, sales);
    expect(rows.body.items[0].reasons).toEqual(['客户名称过长（最多 100 个字符）']);
  });
});
