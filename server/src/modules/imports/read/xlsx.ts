import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { XmlScanner, type XmlHandler } from './xml.js';

// Reading the first worksheet of an xlsx as rows of cell values, streamed: the zip's central
// directory says where each part is, the sheet is inflated and tokenized as it is read, and only
// the shared strings (which every sheet refers to by number) are held in memory.
//
// It replaced exceljs's streaming reader, whose values it reproduces (which sheet is "first",
// formulas by their cached result, dates by the cell's number format, the 1904 date system),
// for two reasons: exceljs decoded each inflated chunk of XML separately, so a Chinese character
// cut by a chunk boundary became two U+FFFD; and it was several times slower. Where exceljs was
// plainly wrong this reader differs: every run of an inline rich string is kept (not only the
// last), phonetic guides (rPh) are not taken for the text, entities are decoded once, styles and
// the date system apply whatever the order of the parts in the zip, and rows and cells without
// a reference take the next position.

export class NotASpreadsheet extends Error {}
export class TooLarge extends Error {}

/** What one upload may cost: the parts read hold at most these bytes and elements together. */
export interface XlsxLimits {
  entries: number;
  inflatedBytes: number;
  elements: number;
  /** The longest text or tag (in characters of XML) the reader accepts. */
  tokenChars: number;
  /** Cells beyond this column are not kept. */
  columns: number;
}

interface Budget {
  bytes: number;
  elements: number;
  tokenChars: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** The entries of a zip's central directory, in the order of their data in the file. */
export async function readZipDirectory(path: string, maxEntries: number): Promise<ZipEntry[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new NotASpreadsheet();
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count > maxEntries || cdOffset + cdSize > size) throw new NotASpreadsheet();
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    for (let p = 0, i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new NotASpreadsheet();
      const nameLength = cd.readUInt16LE(p + 28);
      entries.push({
        name: cd.toString('utf8', p + 46, p + 46 + nameLength),
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        // 0xFFFFFFFF means a ZIP64 size: more than any spreadsheet we accept.
        uncompressedSize: cd.readUInt32LE(p + 24) === 0xffffffff ? Infinity : cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    return entries.sort((a, b) => a.localOffset - b.localOffset);
  } finally {
    await handle.close();
  }
}

/**
 * Streams one part's XML through a tokenizer, yielding after every chunk. UTF-8 is decoded
 * across chunk boundaries, and inflating stops once the budget is spent, whatever the
 * directory declared (elements are counted after each chunk).
 */
async function* scan(path: string, entry: ZipEntry, handler: XmlHandler, budget: Budget): AsyncGenerator<void> {
  if (entry.flags & 0x1 || (entry.method !== 0 && entry.method !== 8)) throw new NotASpreadsheet();
  const handle = await open(path, 'r');
  let dataStart: number;
  try {
    const local = Buffer.alloc(30);
    await handle.read(local, 0, 30, entry.localOffset);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new NotASpreadsheet();
    dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start: dataStart, end: dataStart + entry.compressedSize - 1 });
  const source = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  const decoder = new TextDecoder('utf-8');
  const scanner = new XmlScanner(handler, budget.tokenChars);
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      budget.bytes -= chunk.length;
      if (budget.bytes < 0) throw new TooLarge();
      scanner.write(decoder.decode(chunk, { stream: true }));
      if (scanner.elements > budget.elements) throw new TooLarge();
      yield;
    }
    scanner.write(decoder.decode());
    scanner.end();
    budget.elements -= scanner.elements;
  } finally {
    raw.destroy();
  }
}

async function scanPart(path: string, entry: ZipEntry, handler: XmlHandler, budget: Budget) {
  for await (const _ of scan(path, entry, handler, budget));
}

/** Shared strings as text: rich text runs joined, phonetic guides left out; null where empty. */
async function sharedStrings(path: string, entry: ZipEntry | undefined, budget: Budget): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  if (!entry) return out;
  let text: string | null = null;
  let inText = false;
  let phonetic = 0;
  await scanPart(path, entry, {
    open(name) {
      if (name === 'si') text = null;
      else if (name === 't' && !phonetic) inText = true;
      else if (name === 'rPh') phonetic += 1;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si') out.push(text);
    },
    text(value) {
      if (inText) text = (text ?? '') + value;
    },
  }, budget);
  return out;
}

/** exceljs's test for a date format: date or time letters outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  return !!format && /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Excel's built-in formats with date or time letters (the others are numbers). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Per cell style (index into cellXfs), whether its number format shows a date. */
async function dateStyles(path: string, entry: ZipEntry | undefined, budget: Budget): Promise<boolean[]> {
  if (!entry) return [];
  const formats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  let inNumFmts = false;
  await scanPart(path, entry, {
    open(name, attributes) {
      if (name === 'numFmts') inNumFmts = true;
      else if (name === 'numFmt' && inNumFmts) {
        const formatCode = attributes.formatCode;
        if (formatCode !== undefined) formats.set(parseInt(attributes.numFmtId ?? '', 10), formatCode.replace(/[\\](.)/g, '$1'));
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) styleFormats.push(parseInt(attributes.numFmtId ?? '', 10));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
      else if (name === 'numFmts') inNumFmts = false;
    },
    text() {},
  }, budget);
  // A custom format of the same number takes precedence over the built-in one (unless empty).
  return styleFormats.map((id) => {
    if (!id) return false;
    const custom = formats.get(id);
    return custom ? isDateFormat(custom) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

async function isDate1904(path: string, entry: ZipEntry | undefined, budget: Budget): Promise<boolean> {
  let date1904 = false;
  if (entry) {
    await scanPart(path, entry, {
      open(name, attributes) {
        if (name === 'workbookPr') date1904 = attributes.date1904 === '1';
      },
      close() {},
      text() {},
    }, budget);
  }
  return date1904;
}

/** A cell's value as exceljs gave it (before it became text). */
export type CellValue = string | number | boolean | Date | { formula: string; result?: string | number } | { error: string } | { sharedString: number };

/** Column number of a reference such as "AB12" (1 = A); NaN when there is none. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  return col || NaN;
}

/**
 * Rows of the first worksheet that hold a value (in the zip's order, like exceljs), each as its
 * cell values by column (1-based; holes are empty cells) up to the last cell that has a value.
 */
export async function* worksheetRows(path: string, limits: XlsxLimits): AsyncGenerator<{ rowNo: number; values: CellValue[] }> {
  const entries = await readZipDirectory(path, limits.entries);
  const part = (name: string) => entries.find((e) => e.name === name);
  const sheet = entries.find((e) => /xl\/worksheets\/sheet\d+[.]xml/.test(e.name));
  if (!sheet) return;
  const read = [part('xl/sharedStrings.xml'), part('xl/styles.xml'), part('xl/workbook.xml'), sheet];
  // Refused before any work when the directory says so; the budget below catches it lying.
  if (read.reduce((sum, e) => sum + (e?.uncompressedSize ?? 0), 0) > limits.inflatedBytes) throw new TooLarge();
  const budget: Budget = { bytes: limits.inflatedBytes, elements: limits.elements, tokenChars: limits.tokenChars };
  const strings = await sharedStrings(path, read[0], budget);
  const hasStrings = read[0] !== undefined;
  const dates = await dateStyles(path, read[1], budget);
  const date1904 = await isDate1904(path, read[2], budget);

  const ready: { rowNo: number; values: CellValue[] }[] = [];
  let inSheetData = false;
  let row: { rowNo: number; values: CellValue[] } | null = null;
  let lastRow = 0;
  /** Whether the row's own style (s) shows dates: a cell without a style of its own takes it. */
  let rowShowsDates = false;
  let cell: { col: number; style: number; type: string | undefined; value: string | null; formula: string | null } | null = null;
  let lastCol = 0;
  /** The element whose text is being collected: v, f, or t of an inline string. */
  let collecting: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;

  const finishCell = () => {
    const c = cell!;
    cell = null;
    let value: CellValue | undefined;
    if (c.formula !== null) {
      value = { formula: c.formula };
      if (c.value !== null) value.result = c.type === 'str' ? c.value : parseFloat(c.value);
    } else if (c.value !== null) {
      switch (c.type) {
        case 's': {
          const s = strings[parseInt(c.value, 10)];
          value = hasStrings ? (s ?? undefined) : { sharedString: parseInt(c.value, 10) };
          break;
        }
        case 'inlineStr':
        case 'str':
          value = c.value;
          break;
        case 'e':
          value = { error: c.value };
          break;
        case 'b':
          value = parseInt(c.value, 10) !== 0;
          break;
        default: {
          const n = parseFloat(c.value);
          const showsDate = c.style && c.style < dates.length ? dates[c.style] : rowShowsDates;
          value = showsDate ? new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000)) : n;
        }
      }
    }
    // A cell without a value (empty, or a shared string that is empty) does not count.
    if (value !== undefined && value !== null && row && c.col > 0 && c.col <= limits.columns) row.values[c.col] = value;
  };

  const handler: XmlHandler = {
    open(name, attributes) {
      if (name === 'sheetData') inSheetData = true;
      else if (name === 'row' && inSheetData) {
        const r = parseInt(attributes.r ?? '', 10);
        lastRow = Number.isNaN(r) ? lastRow + 1 : r;
        row = { rowNo: lastRow, values: [] };
        lastCol = 0;
        rowShowsDates = dates[parseInt(attributes.s ?? '', 10)] ?? false;
      } else if (name === 'c' && row) {
        const ref = attributes.r;
        const col = ref === undefined ? lastCol + 1 : columnOf(ref);
        lastCol = Number.isNaN(col) ? lastCol + 1 : col;
        cell = { col: lastCol, style: parseInt(attributes.s ?? '', 10), type: attributes.t, value: null, formula: null };
      } else if (cell) {
        if (name === 'v') {
          collecting = 'v';
          cell.value ??= '';
        } else if (name === 'f') {
          collecting = 'f';
          cell.formula ??= '';
        } else if (name === 'is') cell.value ??= '';
        else if (name === 'rPh') phonetic += 1;
        else if (name === 't' && !phonetic) {
          collecting = 't';
          cell.value ??= '';
        }
      }
    },
    close(name) {
      if (name === 'v' || name === 'f' || name === 't') collecting = null;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'c' && cell) finishCell();
      else if (name === 'row' && row) {
        // A row without values is no row to import: not handed on, it costs nothing downstream.
        if (row.values.length) ready.push(row);
        row = null;
      } else if (name === 'sheetData') inSheetData = false;
    },
    text(value) {
      if (!cell || !collecting) return;
      if (collecting === 'f') cell.formula += value;
      else cell.value += value;
    },
  };
  // The sheet's rows are handed on as they complete, a chunk's worth at a time.
  for await (const _ of scan(path, sheet, handler, budget)) yield* ready.splice(0);
  yield* ready.splice(0);
}
