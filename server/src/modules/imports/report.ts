import type { Locale } from '../../../../common/errors.js';
import type { RowResult } from './service.js';

// The validation report as a table (CSV or xlsx through the export's table stream).

const headers = {
  'zh-CN': ['行号', '结果', '客户名称', '关键字', '原因', '可能重复的客户'],
  'en-US': ['Row', 'Outcome', 'Name', 'Keyword', 'Reason', 'Possible duplicates'],
};
const outcomes = {
  'zh-CN': { create: '将创建', duplicate: '可能重复', rejected: '拒绝' },
  'en-US': { create: 'will be created', duplicate: 'possible duplicate', rejected: 'rejected' },
};

export function reportHeader(locale: Locale): string[] {
  return headers[locale];
}

export function reportLine(r: RowResult, locale: Locale): string[] {
  const en = locale === 'en-US';
  const matches = r.matches.map((m) =>
    m.rowNo !== undefined ? (en ? `row ${m.rowNo}: ${m.customerName}` : `第 ${m.rowNo} 行：${m.customerName}`) : `${m.customerName}（${m.ownerName}）`,
  );
  return [String(r.rowNo), outcomes[locale][r.outcome], r.customerName, r.keyword, r.reasons.join(en ? '; ' : '；'), matches.join(en ? '; ' : '；')];
}
