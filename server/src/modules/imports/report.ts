import type { Locale } from '../../../../common/errors.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../../lib/paging.js';
import type { Actor } from '../../policy/actor.js';
import * as repo from './repo.js';
import { loadVisibleImport } from './service.js';
import type { StoredMatch } from './validate/check-row.js';

// The validation report: its rows page by page (the screen), all of them in row order (the
// download), and as a table (CSV or xlsx through the export's table stream).

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

/** What a row whose matches are hidden (RowResult.matchesHidden) says instead of them. */
const hiddenMatches = {
  'zh-CN': '今日查重额度已用完，未显示匹配客户',
  'en-US': "Today's duplicate checks are used up; the matching customers are not shown",
};

export function reportLine(r: RowResult, locale: Locale): string[] {
  const en = locale === 'en-US';
  const matches = r.matches.map((m) =>
    m.rowNo !== undefined ? (en ? `row ${m.rowNo}: ${m.customerName}` : `第 ${m.rowNo} 行：${m.customerName}`) : `${m.customerName}（${m.ownerName}）`,
  );
  if (r.matchesHidden) matches.push(hiddenMatches[locale]);
  return [String(r.rowNo), outcomes[locale][r.outcome], r.customerName, r.keyword, r.reasons.join(en ? '; ' : '；'), matches.join(en ? '; ' : '；')];
}

export interface RowResult {
  rowNo: number;
  outcome: 'create' | 'duplicate' | 'rejected';
  customerName: string;
  keyword: string;
  reasons: string[];
  matches: StoredMatch[];
  /** A possible duplicate whose matches the importer's duplicate budget did not cover: they are not named. */
  matchesHidden?: boolean;
  canMerge: boolean;
}

function toRowResult(r: Awaited<ReturnType<typeof repo.listResults>>[number], locale: Locale): RowResult {
  const data = JSON.parse(r.data) as { keyword: string; reasons?: { zh: string; en: string }[]; matchesHidden?: boolean };
  return {
    rowNo: r.row_no,
    outcome: r.outcome,
    customerName: r.customer_name,
    keyword: data.keyword,
    reasons: (data.reasons ?? []).map((x) => (locale === 'en-US' ? x.en : x.zh)),
    matches: JSON.parse(r.matches) as StoredMatch[],
    ...(data.matchesHidden ? { matchesHidden: true } : {}),
    canMerge: r.merge_target !== null,
  };
}

export async function listImportRows(
  ctx: AppContext,
  actor: Actor,
  id: number,
  query: { outcome?: 'create' | 'duplicate' | 'rejected' | undefined; page?: number | undefined; pageSize?: number | undefined },
  locale: Locale,
) {
  await loadVisibleImport(ctx, actor, id);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const { db } = ctx.database;
  const [rows, total] = await Promise.all([
    repo.listResults(db, id, query.outcome, pageSize, (page - 1) * pageSize),
    repo.countResults(db, id, query.outcome),
  ]);
  return { items: rows.map((r) => toRowResult(r, locale)), total, totalExact: true, page, pageSize, nextCursor: null };
}

/** Every validated row in row order, in batches, for the downloadable report. */
export async function* reportRows(ctx: AppContext, actor: Actor, id: number, locale: Locale): AsyncGenerator<RowResult[]> {
  const imp = await loadVisibleImport(ctx, actor, id);
  if (imp.status === 'uploaded') throw new AppError('invalid_transition');
  for (let after = 0; ; ) {
    const rows = await repo.resultsAfter(ctx.database.db, id, after, 1000);
    if (!rows.length) return;
    after = rows.at(-1)!.row_no;
    yield rows.map((r) => toRowResult(r, locale));
  }
}
