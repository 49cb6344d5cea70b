import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, dataRows, openSheet, spool } from './spreadsheet.js';

// The xlsx reader against exceljs's streaming reader, which it replaced: the same rows and cell
// texts for every kind of cell, and no U+FFFD where exceljs cut a character at a chunk boundary.

async function readAll(file: Buffer): Promise<{ rowNo: number; cells: string[] }[]> {
  const source = new PassThrough();
  source.end(file);
  const spooled = await spool(source);
  try {
    const sheet = await openSheet(spooled);
    const rows: { rowNo: number; cells: string[] }[] = [];
    for await (const row of sheet.rows) rows.push(row);
    return rows;
  } finally {
    await spooled.remove();
  }
}

/** What the import read with exceljs's streaming reader (the code this reader replaced). */
async function readWithExceljs(file: Buffer): Promise<{ rowNo: number; cells: string[] }[]> {
  const source = new PassThrough();
  source.end(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  const rows: { rowNo: number; cells: string[] }[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let c = 1; c < Math.min(values.length, 201); c++) cells.push(cellText(values[c]).slice(0, 32_767));
      rows.push({ rowNo: row.number, cells });
    }
    break;
  }
  return rows;
}

async function workbookWith(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('xlsx reader', () => {
  it('reads every kind of cell as exceljs did', async () => {
    const file = await workbookWith((wb) => {
      const sheet = wb.addWorksheet('客户');
      sheet.addRow(['客户名称', '关键字', '数字', '日期', '布尔', '公式', '空', '错误']);
      sheet.addRow(['杭州&<甲>"公司"', '甲', 42, new Date(Date.UTC(2019, 2, 15)), true, { formula: 'C2*2', result: 84 }, null, { error: '#N/A' }]);
      sheet.addRow(['=SUM(A1)', ' 前后空格 ', 3.25, new Date(Date.UTC(1999, 11, 31)), false, { formula: 'A2&"x"', result: '杭州x' }]);
      sheet.addRow([{ richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] }, { text: '链接', hyperlink: 'https://example.com' }, -0.5, null, null, { formula: 'NOW()' }]);
      sheet.addRow([]);
      sheet.getCell('J6').value = '远处的格子';
      sheet.getCell('B7').value = 12345678901234.5;
      sheet.getCell('C7').numFmt = '0.00';
      sheet.getCell('C7').value = 7;
      sheet.getCell('D7').numFmt = 'yyyy"年"m"月"d"日"';
      sheet.getCell('D7').value = 43539;
      sheet.getCell('E7').numFmt = '[Red]0.00;"日期"';
      sheet.getCell('E7').value = 12;
      sheet.getCell('F7').value = '\u3000=危险公式';
      sheet.mergeCells('A8:C8');
      sheet.getCell('A8').value = '合并';
      sheet.getCell('A9').value = 'x'.repeat(40_000);
      sheet.getCell('A10').value = { sharedFormula: 'F2', result: 7 } as ExcelJS.CellValue;
      sheet.getRow(11).numFmt = 'yyyy-mm-dd';
      sheet.getCell('B11').value = 43539;
      sheet.getCell('C11').value = '&lt; 不是实体 &#x41;';
      wb.addWorksheet('第二张').addRow(['不读']);
    });
    const expected = await readWithExceljs(file);
    expect(expected.length).toBeGreaterThan(5);
    expect(await readAll(file)).toEqual(expected);
  });

  it('reads the 1904 date system and the shipped sample as exceljs did', async () => {
    const file = await workbookWith((wb) => {
      wb.properties.date1904 = true;
      wb.addWorksheet('a').addRow(['日期', new Date(Date.UTC(2020, 0, 2))]);
    });
    expect(await readAll(file)).toEqual(await readWithExceljs(file));
    const sample = readFileSync(join(import.meta.dirname, '../../../../../docs/sample-import.xlsx'));
    expect(await readAll(sample)).toEqual(await readWithExceljs(sample));
  });

  it('keeps Chinese text whole across the chunks of a large sheet (exceljs cut characters there)', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true });
    const sheet = wb.addWorksheet('客户');
    for (let i = 0; i < 20_000; i++) sheet.addRow([`杭州市西湖区文三路${i}号中国科技有限公司`, `科技${i}`]).commit();
    sheet.commit();
    await wb.commit();
    const file = Buffer.concat(chunks);
    const rows = await readAll(file);
    expect(rows).toHaveLength(20_000);
    expect(rows.filter((r) => r.cells.join('').includes('\uFFFD'))).toEqual([]);
    expect(rows[12_345]!.cells).toEqual(['杭州市西湖区文三路12345号中国科技有限公司', '科技12345']);
    // The header-and-data split is unchanged.
    const source = new PassThrough();
    source.end(file);
    const spooled = await spool(source);
    let header: string[] = [];
    let n = 0;
    for await (const _ of dataRows((await openSheet(spooled)).rows, (h) => (header = h.cells))) n++;
    await spooled.remove();
    expect([header, n]).toEqual([['杭州市西湖区文三路0号中国科技有限公司', '科技0'], 19_999]);
  }, 60_000);
});
