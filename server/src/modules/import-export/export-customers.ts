import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Locale } from '../../../../common/errors.js';
import type { Customer, CustomerListQuery } from '../../../../common/schemas/customers.js';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../policy/actor.js';
import { iterateCustomers } from '../customers/service.js';
import { neutralizeCell } from './cells.js';

// Export of the visible, filtered customer list, streamed: rows go out batch by batch as they
// are read, so memory stays flat whatever the size.

const columns: { key: keyof Customer; zh: string; en: string }[] = [
  { key: 'name', zh: '客户名称', en: 'Name' },
  { key: 'keyword', zh: '关键字', en: 'Keyword' },
  { key: 'statusName', zh: '客户状态', en: 'Status' },
  { key: 'ownerName', zh: '业务员', en: 'Owner' },
  { key: 'createdOn', zh: '创建日期', en: 'Created on' },
  { key: 'industry', zh: '行业', en: 'Industry' },
  { key: 'source', zh: '来源', en: 'Source' },
  { key: 'region', zh: '地区', en: 'Region' },
  { key: 'address', zh: '地址', en: 'Address' },
  { key: 'phone', zh: '电话', en: 'Phone' },
  { key: 'website', zh: '网站', en: 'Website' },
  { key: 'notes', zh: '备注', en: 'Notes' },
];

function header(locale: Locale) {
  return columns.map((c) => (locale === 'en-US' ? c.en : c.zh));
}

function cells(c: Customer): string[] {
  return columns.map((col) => String(c[col.key] ?? ''));
}

export function exportFileName(format: 'csv' | 'xlsx', locale: Locale, today: string) {
  return `${locale === 'en-US' ? 'customers' : '客户'}-${today}.${format}`;
}

/** CSV in UTF-8 with a BOM (so Excel reads Chinese correctly), every cell neutralised. */
export function customersCsv(ctx: AppContext, actor: Actor, query: CustomerListQuery, locale: Locale): Readable {
  async function* lines() {
    yield header(locale);
    for await (const batch of iterateCustomers(ctx, actor, query)) {
      for (const c of batch) yield cells(c).map(neutralizeCell);
    }
  }
  const csv = stringify({ bom: true, record_delimiter: '\r\n' });
  Readable.from(lines()).on('error', (err) => csv.destroy(err)).pipe(csv);
  return csv;
}

/** xlsx written by exceljs' streaming writer; every cell is a string cell, never a formula. */
export function customersXlsx(ctx: AppContext, actor: Actor, query: CustomerListQuery, locale: Locale): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(locale === 'en-US' ? 'Customers' : '客户');
  const write = async () => {
    sheet.addRow(header(locale)).commit();
    for await (const batch of iterateCustomers(ctx, actor, query)) {
      for (const c of batch) sheet.addRow(cells(c).map(neutralizeCell)).commit();
      // Wait for the client to take what is buffered before reading the next batch.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err) => out.destroy(err));
  return out;
}
