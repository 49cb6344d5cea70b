import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/app-error.js';
import { craftedXlsx, plainPart, repeatedPart, SHEET_HEAD, SHEET_TAIL, WORKBOOK_BYTES, type CraftedPart } from '../../../../test/imports/crafted-xlsx.js';
import { dataRows, MAX_DATA_ROWS, MAX_XML_TOKEN_CHARS, openSheet, spool, XLSX_READ_BYTES, XLSX_READ_ELEMENTS } from './spreadsheet.js';
import { XmlScanner } from './xml.js';

// Crafted xlsx files against the bounds on reading one: what the parts read hold, the
// longest text or tag, and parse time linear in the size (the tokenizer saxes replaced rescanned
// its buffer on every chunk). The time limits are safety bounds, not benchmarks.

type Outcome = { rows: number; first: string[][] } | { refused: string };

/** The file read as an upload is: its header and data rows, or why it was refused. */
async function readUpload(file: Buffer): Promise<Outcome> {
  const source = new PassThrough();
  source.end(file);
  const spooled = await spool(source);
  try {
    const first: string[][] = [];
    let rows = 0;
    for await (const row of dataRows((await openSheet(spooled)).rows, (header) => first.push(header.cells))) {
      if (first.length < 3) first.push(row.cells);
      rows += 1;
    }
    return { rows, first };
  } catch (err) {
    if (err instanceof AppError) return { refused: (err.details?.fields as { file: { zh: string } }).file.zh };
    throw err;
  } finally {
    await spooled.remove();
  }
}

/**
 * The file read as an upload is, with the CPU time it took (this process's, every thread): the
 * work, which is what is bounded; the wall-clock time also counts other test files on the machine.
 */
async function timed(file: Buffer): Promise<{ outcome: Outcome; seconds: number }> {
  const started = process.cpuUsage();
  const outcome = await readUpload(file);
  const used = process.cpuUsage(started);
  return { outcome, seconds: (used.user + used.system) / 1e6 };
}

const HEADER_ROW = '<row><c t="inlineStr"><is><t>客户名称</t></is></c><c t="inlineStr"><is><t>关键字</t></is></c></row>';
/** A sheet of the header row, then `unit` repeated, its whole size `size` bytes (padded). */
function sheetOf(unit: string, size: number, declaredSize?: number): CraftedPart & { rows: number } {
  const head = SHEET_HEAD + HEADER_ROW;
  const times = Math.floor((size - Buffer.byteLength(head) - SHEET_TAIL.length) / Buffer.byteLength(unit));
  const padding = size - Buffer.byteLength(head) - Buffer.byteLength(unit) * times - SHEET_TAIL.length;
  const part = repeatedPart('xl/worksheets/sheet1.xml', head, unit, times, ' '.repeat(padding) + SHEET_TAIL);
  expect(part.size).toBe(size);
  return { ...part, declaredSize, rows: times };
}

describe('reading an xlsx in time linear in its size', () => {
  it('tokenizes a 16 MB text and a 16 MB attribute in one pass (the old tokenizer took minutes)', () => {
    const started = process.cpuUsage();
    let textLength = 0;
    let attributeLength = 0;
    const scanner = new XmlScanner(
      {
        open: (_name, attributes) => (attributeLength += attributes.a?.length ?? 0),
        close: () => {},
        text: (text) => (textLength += text.length),
      },
      64 * 2 ** 20,
    );
    const chunk = 'x'.repeat(16_384);
    scanner.write('<sheet><t>');
    for (let i = 0; i < 1024; i++) scanner.write(chunk);
    scanner.write('</t><c a="');
    for (let i = 0; i < 1024; i++) scanner.write(chunk);
    scanner.write('"/></sheet>');
    scanner.end();
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1e6).toBeLessThan(5);
    expect([textLength, attributeLength]).toEqual([16 * 2 ** 20, 16 * 2 ** 20]);
  });

  it('refuses, quickly and saying why, a 17 KB xlsx whose one cell inflates to 16 MB', async () => {
    const cell = repeatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER_ROW}<row><c t="inlineStr"><is><t>`, 'x'.repeat(65_536), 256, `</t></is></c></row>${SHEET_TAIL}`);
    const file = craftedXlsx([cell]);
    expect(file.length).toBeLessThan(40_000);
    const { outcome } = await timed(file);
    expect(outcome).toEqual({ refused: `文件中有单元格内容过长（超过 ${MAX_XML_TOKEN_CHARS} 个字符），无法导入` });
  }, 10_000);

  it('reads a cell of entities and line breaks up to the longest token, cut to 32,767 characters', async () => {
    const unit = '&amp;&#x4e2d;\n';
    const times = Math.floor((MAX_XML_TOKEN_CHARS - 100) / unit.length);
    const file = craftedXlsx([repeatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER_ROW}<row><c t="inlineStr"><is><t>`, unit, times, `</t></is></c><c><v>7</v></c></row>${SHEET_TAIL}`)]);
    const { outcome } = await timed(file);
    expect(outcome).toEqual({ rows: 1, first: [['客户名称', '关键字'], ['&中\n'.repeat(10_923).slice(0, 32_767), '7']] });
  }, 10_000);

  it('refuses a longer text, tag or comment, and nesting no spreadsheet has', async () => {
    const over = MAX_XML_TOKEN_CHARS + 1;
    const tooLong = `文件中有单元格内容过长（超过 ${MAX_XML_TOKEN_CHARS} 个字符），无法导入`;
    const sheet = (xml: string) => craftedXlsx([plainPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER_ROW}${xml}${SHEET_TAIL}`)]);
    expect(await readUpload(sheet(`<row><c><v>${'1'.repeat(over)}</v></c></row>`))).toEqual({ refused: tooLong });
    expect(await readUpload(sheet(`<row><c r="A2" x="${'y'.repeat(over)}"/></row>`))).toEqual({ refused: tooLong });
    // A comment may hold '<': saxes keeps all of it until it ends (seen after each chunk).
    expect(await readUpload(sheet(`<!--${'<a>'.repeat(Math.ceil((over + 65_536) / 3))}-->`))).toEqual({ refused: tooLong });
    expect(await readUpload(sheet(`<row>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</row>`))).toEqual({ refused: expect.stringContaining('无法识别的文件') });
  }, 10_000);
});

describe('what the parts read may hold', () => {
  const inflatesTooMuch = '文件解压后过大，无法导入：请拆分后分批导入';
  const strings = plainPart('xl/sharedStrings.xml', '<sst><si><t>杭州安百机械有限公司</t></si><si><t>安百</t></si></sst>');
  const sheetBytes = XLSX_READ_BYTES - WORKBOOK_BYTES - strings.size;
  /** A row of shared strings, a date and a phone number, as a customer list has them. */
  const rowOf = (columns: number) => `<row>${'<c t="s"><v>0</v></c><c t="s"><v>1</v></c><c s="1"><v>43539</v></c><c><v>13800000001</v></c>'.repeat(columns / 4)}</row>`;
  const dataRow = ['杭州安百机械有限公司', '安百', '43539', '13800000001'];

  it('refuses, within 10 s, a sheet of customer rows inflating to the most that is read', async () => {
    // Rows as the measuring file has them: the row limit is passed before the end of the sheet.
    const { outcome, seconds } = await timed(craftedXlsx([strings, sheetOf(rowOf(8), sheetBytes)]));
    expect(outcome).toEqual({ refused: `文件超过 ${MAX_DATA_ROWS} 行，请拆分后分批导入` });
    expect(seconds).toBeLessThan(10);
  }, 60_000);

  it('reads, within 10 s, a sheet of as many customer rows as are accepted', async () => {
    const sheet = sheetOf(rowOf(8), Buffer.byteLength(SHEET_HEAD + HEADER_ROW + SHEET_TAIL) + MAX_DATA_ROWS * rowOf(8).length);
    const { outcome, seconds } = await timed(craftedXlsx([strings, sheet]));
    expect(outcome).toEqual({ rows: MAX_DATA_ROWS, first: [['客户名称', '关键字'], [...dataRow, ...dataRow], [...dataRow, ...dataRow]] });
    expect(seconds).toBeLessThan(10);
  }, 60_000);

  it('reads, within 10 s, shared strings inflating to the most that is read', async () => {
    const si = Array.from({ length: 1000 }, (_, i) => `<si><t>杭州安百机械有限公司${i}</t></si>`).join('');
    const head = '<sst>';
    const tail = '</sst>';
    const sheet = plainPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER_ROW}<row><c t="s"><v>999</v></c></row>${SHEET_TAIL}`);
    const times = Math.floor((XLSX_READ_BYTES - WORKBOOK_BYTES - sheet.size - head.length - tail.length) / Buffer.byteLength(si));
    const many = repeatedPart('xl/sharedStrings.xml', head, si, times, tail);
    const { outcome, seconds } = await timed(craftedXlsx([many, sheet]));
    expect(outcome).toEqual({ rows: 1, first: [['客户名称', '关键字'], ['杭州安百机械有限公司999']] });
    expect(seconds).toBeLessThan(10);
  }, 60_000);

  it('refuses, within 10 s, a sheet of more elements than are read, empty rows or after the rows', async () => {
    const empty = await timed(craftedXlsx([strings, sheetOf('<row/>'.repeat(1000), sheetBytes)]));
    const after = await timed(craftedXlsx([strings, repeatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER_ROW}</sheetData><x>`, '<y/>'.repeat(1000), XLSX_READ_ELEMENTS / 1000, '</x></worksheet>')]));
    expect([empty.outcome, after.outcome]).toEqual([{ refused: inflatesTooMuch }, { refused: inflatesTooMuch }]);
    expect(Math.max(empty.seconds, after.seconds)).toBeLessThan(10);
  }, 60_000);

  it('refuses at once a sheet or shared strings declared to inflate to a byte more', async () => {
    const overSheet = await timed(craftedXlsx([strings, sheetOf(rowOf(8), sheetBytes + 1)]));
    const overStrings = await timed(craftedXlsx([{ ...strings, declaredSize: strings.size + 1 }, sheetOf(rowOf(8), sheetBytes)]));
    expect([overSheet.outcome, overStrings.outcome]).toEqual([{ refused: inflatesTooMuch }, { refused: inflatesTooMuch }]);
    expect(Math.max(overSheet.seconds, overStrings.seconds)).toBeLessThan(1);
  }, 60_000);

  it('refuses a sheet that inflates to more than its zip directory says, once it has', async () => {
    const cell = `<row><c t="inlineStr"><is><t>${'备'.repeat(30_000)}</t></is></c></row>`;
    const { outcome, seconds } = await timed(craftedXlsx([strings, sheetOf(cell, sheetBytes + 1, 1000)]));
    expect(outcome).toEqual({ refused: inflatesTooMuch });
    expect(seconds).toBeLessThan(10);
  }, 60_000);
});
