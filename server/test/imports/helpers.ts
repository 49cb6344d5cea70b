import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Reply, Session, TestApp } from '../harness.js';

// Helpers of the import tests: files in every supported encoding and format, multipart uploads.

export function multipart(fileName: string, content: Buffer, field = 'file') {
  const boundary = `----kehu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(fileName)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(t: TestApp, as: Session, fileName: string, content: Buffer, headers: Record<string, string> = { 'x-kehu-request': '1' }): Promise<Reply> {
  const { body, contentType } = multipart(fileName, content);
  return t.request('POST', '/api/imports', { as, raw: body, headers: { 'content-type': contentType, ...headers } });
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export function csvText(rows: string[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
export const utf8Csv = (rows: string[][]) => Buffer.from(csvText(rows), 'utf8');
export const utf8BomCsv = (rows: string[][]) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8Csv(rows)]);
export const gbCsv = (rows: string[][]) => iconv.encode(csvText(rows), 'gb18030');

export async function xlsxFile(rows: unknown[][], configure?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  for (const row of rows) sheet.addRow(row);
  configure?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Polls the import until its commit is no longer running. */
export async function waitForCommit(t: TestApp, as: Session, id: string, timeoutMs = 60_000): Promise<Reply> {
  const started = Date.now();
  for (;;) {
    const res = await t.get(`/api/imports/${id}`, as);
    if (res.status !== 200 || res.body.status !== 'committing' || res.body.isIncomplete) return res;
    if (Date.now() - started > timeoutMs) throw new Error(`import ${id} still committing: ${res.text}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
