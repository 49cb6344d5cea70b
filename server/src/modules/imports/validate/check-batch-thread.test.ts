import { afterEach, describe, expect, it } from 'vitest';
import type { Answers, StagedRow } from './check-batch.js';
import { inPlaceChecker, threadChecker, type Checker } from './check-batch-thread.js';
import type { Lookups } from './check-row.js';

// The validation thread checks exactly what the checker does in place — the in-file duplicate
// check carried from batch to batch included — and a batch it cannot check fails the run.

const lookups: Lookups = {
  statuses: new Map([['潜在客户', 1]]),
  owners: new Map([['wang', { id: 2, name: '王小明' }]]),
  ownerNames: new Map([[2, '王小明']]),
  generic: new Set(['公司']),
  today: '2026-11-27',
  defaultStatusId: 1,
  defaultOwnerId: 2,
  minKeywordLength: 2,
};
const setup = { importId: 7, mapping: ['name', 'keyword', 'createdOn', 'contact1.name', 'contact1.mobile'] as const, lookups };
const staged = (rowNo: number, ...cells: string[]): StagedRow => ({ row_no: rowNo, cells: JSON.stringify(cells) });

const batches: StagedRow[][] = [
  [staged(1, '深圳中兴通讯有限公司', '中兴', '2019/3/15', '李雷', '13800138000'), staged(2, '华为技术有限公司', '华为', '2019年3月15日'), staged(3, '', '空名')],
  // An earlier row's keyword in this name; an existing customer's keyword in this one.
  [staged(4, '上海中兴分公司', '上海中兴'), staged(5, '北京字节跳动', '公司'), staged(6, 'Zentech 𠀋 Ltd', 'zentech')],
  [staged(7, '字节跳动华东', '字节跳动', '2020-01-01'), staged(9, '未来公司', '未来', '2031-01-01'), staged(8, '杭州华为网络', '杭州华为')],
];

/**
 * What the database would answer: an existing customer keyed 字节 (visible), another keyed
 * 字节跳动 (not), and a name holding 杭州华为 (not).
 */
function answersFor(q: { keywords: string[]; names: string[]; contained: { keyword: string }[] }): Answers {
  const sameKeyword = new Map(q.keywords.includes('字节跳动') ? [['字节跳动', [{ id: 43, name: '字节跳动科技', ownerName: '赵六' }]]] : []);
  const byKeyword = new Map(q.names.some((n) => n.includes('字节')) ? [['字节', [{ id: 40, name: '字节科技', ownerName: '李四' }]]] : []);
  const byContained = new Map(q.contained.some((c) => c.keyword === '杭州华为') ? [['杭州华为', [{ id: 41, name: '杭州华为分部', ownerName: '张三' }]]] : []);
  return { sameKeyword, sameCore: new Map(), byKeyword, byContained, visible: new Set([40]) };
}

async function run(checker: Checker) {
  const out = [];
  for (const batch of batches) {
    const questions = await checker.read(batch);
    out.push({ questions, checked: await checker.finish(questions.batch, answersFor(questions)) });
  }
  return out;
}

describe('import validation checker', () => {
  let checker: Checker | undefined;
  afterEach(async () => {
    await checker?.close();
    checker = undefined;
  });

  it('checks on the validation thread exactly what it checks in place, batch after batch', async () => {
    const want = await run(inPlaceChecker({ ...setup, mapping: [...setup.mapping] }));
    const outcomes = want.flatMap((b) => b.checked.results.map((r) => `${r.row_no}:${r.outcome}:${r.merge_target ?? ''}`));
    expect(outcomes).toEqual(['1:create:', '2:create:', '3:rejected:', '4:duplicate:r:1', '5:rejected:', '6:create:', '7:duplicate:c:40', '9:rejected:', '8:duplicate:r:2']);
    expect(JSON.parse(want[1]!.checked.results[0]!.matches)).toEqual([{ customerName: '深圳中兴通讯有限公司', ownerName: '王小明', rowNo: 1, reason: 'keyword_in_name' }]);
    // Strongest rule first; the merge target is the first the importer may see.
    expect(JSON.parse(want[2]!.checked.results[0]!.matches)).toEqual([
      { customerName: '字节跳动科技', ownerName: '赵六', reason: 'same_keyword' },
      { customerName: '字节科技', ownerName: '李四', reason: 'keyword_in_name' },
    ]);
    expect(JSON.parse(want[2]!.checked.results[2]!.matches)).toEqual([
      { customerName: '华为技术有限公司', ownerName: '王小明', rowNo: 2, reason: 'keyword_in_name' },
      { customerName: '杭州华为分部', ownerName: '张三', reason: 'name_has_keyword' },
    ]);
    // The rows naming existing customers, which spend the importer's duplicate budget.
    expect(want.map((b) => b.checked.naming)).toEqual([[], [], [0, 2]]);
    expect(want.map((b) => b.checked.counts)).toEqual([
      { create: 2, duplicate: 0, rejected: 1 },
      { create: 1, duplicate: 1, rejected: 1 },
      { create: 0, duplicate: 2, rejected: 1 },
    ]);
    checker = threadChecker({ ...setup, mapping: [...setup.mapping] });
    expect(await run(checker)).toEqual(want);
  });

  it('fails a batch it cannot read, and a batch it was never given', async () => {
    checker = threadChecker({ ...setup, mapping: [...setup.mapping] });
    await expect(checker.read([{ row_no: 1, cells: '{not json' }])).rejects.toThrow(/JSON/);
    await expect(checker.finish(99, answersFor({ keywords: [], names: [], contained: [] }))).rejects.toThrow(/batch 99/);
  });
});
