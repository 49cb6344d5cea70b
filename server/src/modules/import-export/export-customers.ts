import type { Readable } from 'node:stream';
import type { Locale } from '../../../../common/errors.js';
import type { Customer, CustomerListQuery } from '../../../../common/schemas/customers.js';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../policy/actor.js';
import { iterateCustomers } from '../customers/service.js';
import { tableStream, type TableFormat } from './table-stream.js';

// Export of the visible, filtered customer list.

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

export function exportFileName(format: TableFormat, locale: Locale, today: string) {
  return `${locale === 'en-US' ? 'customers' : '客户'}-${today}.${format}`;
}

export function customersFile(ctx: AppContext, actor: Actor, query: CustomerListQuery, locale: Locale, format: TableFormat): Readable {
  const header = columns.map((c) => (locale === 'en-US' ? c.en : c.zh));
  async function* batches() {
    for await (const batch of iterateCustomers(ctx, actor, query)) {
      yield batch.map((c) => columns.map((col) => String(c[col.key] ?? '')));
    }
  }
  return tableStream(format, locale === 'en-US' ? 'Customers' : '客户', header, batches());
}
