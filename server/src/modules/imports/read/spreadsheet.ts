import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as csvParse } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError, fieldError } from '../../../lib/app-error.js';
import { dateCellText, inertText } from './cell-values.js';
import { readZipDirectory, TooLarge, worksheetRows, type XlsxLimits, type ZipEntry } from './xlsx.js';
import { XmlTokenTooLong } from './xml.js';

// Reading an uploaded spreadsheet as rows of text, streamed so that memory stays flat. The
// upload is first spooled to a temporary file (checking the size and whether it is valid
// UTF-8 on the way), then read once more by the CSV or xlsx reader (xlsx.ts).

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_DATA_ROWS = 200_000;
export const MAX_COLUMNS = 200;
/** What the xlsx's parts may inflate to, declared in its zip directory (zip bombs). */
const MAX_XLSX_INFLATED_BYTES = 600 * 1024 * 1024;
const MAX_XLSX_ENTRIES = 5_000;
/** Excel's own limit for one cell. */
const MAX_CELL_CHARS = 32_767;
/**
 * What reading an xlsx may cost, and so the parse time. The parts read (shared strings, styles,
 * workbook, first sheet) hold XLSX_READ_BYTES and XLSX_READ_ELEMENTS at most together: room for
 * MAX_DATA_ROWS rows of a customer list like the measuring file's, and bytes of text cost the
 * parser less than elements. A text or tag of more than MAX_XML_TOKEN_CHARS (about 30 of Excel's
 * longest cells) is refused.
 */
export const XLSX_READ_BYTES = 128 * 1024 * 1024;
export const XLSX_READ_ELEMENTS = 8_000_000;
export const MAX_XML_TOKEN_CHARS = 1_000_000;
const XLSX_LIMITS: XlsxLimits = {
  entries: MAX_XLSX_ENTRIES,
  inflatedBytes: XLSX_READ_BYTES,
  elements: XLSX_READ_ELEMENTS,
  tokenChars: MAX_XML_TOKEN_CHARS,
  columns: MAX_COLUMNS,
};

export interface SpooledFile {
  path: string;
  bytes: number;
  head: Buffer;
  isUtf8: boolean;
  remove: () => Promise<void>;
}

export interface StagedRow {
  rowNo: number;
  cells: string[];
}

export interface OpenedSheet {
  format: 'csv' | 'xlsx';
  encoding: string;
  rows: AsyncGenerator<StagedRow>;
}

const refuse = (zh: string, en: string) => fieldError('file', { zh, en });
export const notASpreadsheet = () =>
  refuse('无法识别的文件：请上传 Excel（.xlsx）或 CSV 文件', 'This is not a spreadsheet: upload an Excel (.xlsx) or CSV file');
const inflatesTooMuch = () =>
  refuse('文件解压后过大，无法导入：请拆分后分批导入', 'The file inflates to more than can be imported; split it into several imports');
const cellTooLong = () =>
  refuse(`文件中有单元格内容过长（超过 ${MAX_XML_TOKEN_CHARS} 个字符），无法导入`, `A cell in the file holds more than ${MAX_XML_TOKEN_CHARS} characters; it cannot be imported`);
const tooManyRows = () =>
  refuse(`文件超过 ${MAX_DATA_ROWS} 行，请拆分后分批导入`, `The file has more than ${MAX_DATA_ROWS} rows; split it into several imports`);

/** Writes the upload to a temporary file; 413 beyond the limit. */
export async function spool(source: Readable, limit = MAX_UPLOAD_BYTES): Promise<SpooledFile> {
  const dir = await mkdtemp(join(tmpdir(), 'kehu-import-'));
  const path = join(dir, 'upload');
  const remove = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const headParts: Buffer[] = [];
  let headBytes = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let isUtf8 = true;
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes += chunk.length;
          if (bytes > limit) throw new AppError('payload_too_large', { maxBytes: limit });
          if (headBytes < 65_536) {
            headParts.push(chunk);
            headBytes += chunk.length;
          }
          if (isUtf8) {
            try {
              decoder.decode(chunk, { stream: true });
            } catch {
              isUtf8 = false;
            }
          }
          yield chunk;
        }
        if (isUtf8) {
          try {
            decoder.decode();
          } catch {
            isUtf8 = false;
          }
        }
      },
      createWriteStream(path),
    );
  } catch (err) {
    await remove();
    if ((err as { statusCode?: number }).statusCode === 413 || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('payload_too_large', { maxBytes: limit });
    }
    throw err;
  }
  return { path, bytes, head: Buffer.concat(headParts).subarray(0, 65_536), isUtf8, remove };
}

/** Decides the format from the content (never from the name) and opens a row reader. */
export async function openSheet(file: SpooledFile): Promise<OpenedSheet> {
  const { head } = file;
  if (file.bytes === 0) throw notASpreadsheet();
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    await checkZipDirectory(file.path);
    return { format: 'xlsx', encoding: 'xlsx', rows: xlsxRows(file.path) };
  }
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw refuse('不支持旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 或 CSV 后上传', 'Old Excel (.xls) files are not supported: save as .xlsx or CSV and upload again');
  }
  if (head.includes(0)) throw notASpreadsheet();
  const encoding = file.isUtf8 ? 'utf-8' : 'gb18030';
  return { format: 'csv', encoding, rows: csvRows(file.path, encoding, head) };
}

// --- CSV ----------------------------------------------------------------------------------

function delimiterOf(head: Buffer, encoding: string): string {
  const text = encoding === 'utf-8' ? head.toString('utf8') : iconv.decode(head, 'gb18030');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

async function* csvRows(path: string, encoding: string, head: Buffer): AsyncGenerator<StagedRow> {
  const input = createReadStream(path);
  const decoded = encoding === 'utf-8' ? input.setEncoding('utf8') : input.pipe(iconv.decodeStream('gb18030'));
  const parser = decoded.pipe(
    csvParse({ bom: true, delimiter: delimiterOf(head, encoding), relax_column_count: true, relax_quotes: true, max_record_size: 1_000_000 }),
  );
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo += 1;
      const cells = record.slice(0, MAX_COLUMNS).map((c) => {
        if (encoding !== 'utf-8' && c.includes('\uFFFD')) {
          throw refuse('文件编码无法识别：请保存为 UTF-8 或 GBK 编码的 CSV', 'The text encoding is not recognised: save the CSV as UTF-8 or GBK');
        }
        return inertText(c.slice(0, MAX_CELL_CHARS));
      });
      yield { rowNo, cells };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse(`CSV 文件格式有误（第 ${rowNo + 1} 行附近）`, `The CSV file is malformed (near row ${rowNo + 1})`);
  } finally {
    input.destroy();
  }
}

// --- xlsx ---------------------------------------------------------------------------------

/** Refuses archives that would inflate beyond what any real customer list needs. */
async function checkZipDirectory(path: string) {
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(path, MAX_XLSX_ENTRIES);
  } catch {
    throw notASpreadsheet();
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw notASpreadsheet();
  if (entries.reduce((sum, e) => sum + e.uncompressedSize, 0) > MAX_XLSX_INFLATED_BYTES) throw inflatesTooMuch();
}

/** A cell as text: the cached result of a formula (never evaluated), the text of rich text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return inertText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateCellText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      if (v.result === undefined || v.result === null) return inertText(`=${String(v.formula ?? v.sharedFormula ?? '')}`);
      return cellText(v.result);
    }
    if (Array.isArray(v.richText)) return inertText((v.richText as { text?: string }[]).map((r) => r.text ?? '').join(''));
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return '';
  }
  return '';
}

async function* xlsxRows(path: string): AsyncGenerator<StagedRow> {
  try {
    for await (const row of worksheetRows(path, XLSX_LIMITS)) {
      const { values } = row;
      const cells: string[] = [];
      for (let c = 1; c < Math.min(values.length, MAX_COLUMNS + 1); c++) cells.push(cellText(values[c]).slice(0, MAX_CELL_CHARS));
      yield { rowNo: row.rowNo, cells };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof TooLarge) throw inflatesTooMuch();
    if (err instanceof XmlTokenTooLong) throw cellTooLong();
    throw notASpreadsheet();
  }
}

/** Header (the first non-empty row) and the data rows after it, capped. */
export async function* dataRows(rows: AsyncGenerator<StagedRow>, onHeader: (header: StagedRow) => void): AsyncGenerator<StagedRow> {
  let header: StagedRow | null = null;
  let count = 0;
  for await (const row of rows) {
    const isEmpty = row.cells.every((c) => c.trim() === '');
    if (isEmpty) continue;
    if (!header) {
      header = row;
      onHeader(row);
      continue;
    }
    count += 1;
    if (count > MAX_DATA_ROWS) throw tooManyRows();
    yield row;
  }
  if (!header) throw refuse('文件是空的：第一行应为列标题', 'The file is empty: the first row should hold the column titles');
}
