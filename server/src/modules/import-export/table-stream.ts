import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { neutralizeCell } from './cells.js';

// Any table as a streamed file: rows are written batch by batch as they are read, so memory
// stays flat whatever the size. Every cell is text, neutralised against formula injection.

export type TableFormat = 'csv' | 'xlsx';

export const contentTypes: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Content-Disposition for a download with a (possibly Chinese) file name. */
export function attachment(fileName: string, format: TableFormat): string {
  return `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function tableStream(format: TableFormat, sheetName: string, header: string[], batches: AsyncIterable<string[][]>): Readable {
  return format === 'csv' ? csvStream(header, batches) : xlsxStream(sheetName, header, batches);
}

/** CSV in UTF-8 with a BOM, so that Excel reads Chinese correctly. */
function csvStream(header: string[], batches: AsyncIterable<string[][]>): Readable {
  async function* lines() {
    yield header;
    for await (const batch of batches) {
      for (const row of batch) yield row.map(neutralizeCell);
    }
  }
  const csv = stringify({ bom: true, record_delimiter: '\r\n' });
  Readable.from(lines()).on('error', (err) => csv.destroy(err)).pipe(csv);
  return csv;
}

/** xlsx through exceljs' streaming writer; string cells only, never formulas. */
function xlsxStream(sheetName: string, header: string[], batches: AsyncIterable<string[][]>): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  const write = async () => {
    sheet.addRow(header).commit();
    for await (const batch of batches) {
      for (const row of batch) sheet.addRow(row.map(neutralizeCell)).commit();
      // Wait for the client to take what is buffered before reading the next batch.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err) => out.destroy(err));
  return out;
}
