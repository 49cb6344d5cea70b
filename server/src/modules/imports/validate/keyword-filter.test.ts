import { describe, expect, it } from 'vitest';
import { duplicateText } from '../../../../../common/duplicates/text.js';
import { describeEachDb } from '../../../../test/harness.js';
import { KeywordFilter, keywordFilterFor, loadKeywordFilter } from './keyword-filter.js';
import { everyoneScope } from './ask-database.js';

describe('the filter of existing keywords', () => {
  it('never rules out a keyword it holds, and lets few others through', () => {
    const keywords = Array.from({ length: 20_000 }, (_, i) => `${'华中兴为'[i % 4]}${i.toString(36)}`);
    const filter = new KeywordFilter(keywords.length);
    for (const k of keywords) filter.add(k);
    expect(keywords.every((k) => filter.mayHave(k))).toBe(true);
    // Strings of the same shape that are no keyword: about 1.2 % pass with 10 bits a key.
    const others = Array.from({ length: 50_000 }, (_, i) => `${'北京上海'[i % 4]}${i.toString(36)}`);
    const passed = others.filter((s) => filter.mayHave(s)).length;
    expect(passed / others.length).toBeLessThan(0.03);
  });

  it('holds characters beyond U+FFFF and tells apart strings that differ in one code unit', () => {
    const filter = new KeywordFilter(0);
    filter.add('𠀋兴');
    expect(filter.mayHave('𠀋兴')).toBe(true);
    expect(filter.mayHave('𠀋')).toBe(false);
    expect(filter.mayHave('')).toBe(false);
  });

  it('is empty when nothing was added', () => {
    const filter = new KeywordFilter(0);
    expect(['中兴', 'ab', '12'].some((s) => filter.mayHave(s))).toBe(false);
  });
});

describeEachDb('the filter of existing keywords, read from the database', (get) => {
  it('holds the keyword of every live customer of every owner as the duplicate check normalises it, read page by page, and none of the deleted', async () => {
    const t = get();
    const a = await t.sessionFor('sales');
    const b = await t.sessionFor('sales');
    const statusId = (await t.get('/api/customer-statuses', a)).body[0].id;
    const made: { id: string; keyword: string }[] = [];
    for (const [i, keyword] of ['星海电子', '太湖渔业', 'ZTE中兴', '华为', '北极光', 'A.b-c\u200B1'].entries()) {
      const res = await t.post('/api/customers', { name: `${keyword}测试有限公司`, keyword, statusId }, i % 2 ? a : b);
      expect(res.status, res.text).toBe(201);
      made.push({ id: res.body.id, keyword });
    }
    expect((await t.delete(`/api/customers/${made[4]!.id}`, b)).status).toBe(204);
    // Pages of two: keywords on a page's edge are neither lost nor needed twice.
    const filter = await loadKeywordFilter(everyoneScope(t.ctx), 5, 2);
    for (const { keyword } of made.filter((_, i) => i !== 4)) expect(filter.mayHave(duplicateText(keyword)), keyword).toBe(true);
    expect(filter.mayHave(duplicateText('北极光'))).toBe(false);
    expect(filter.mayHave(duplicateText('星海'))).toBe(false);
    expect(filter.mayHave('abc1')).toBe(true);
    // Used only where the file is large next to the customers: 5 live ones, 20 per row at most.
    expect(await keywordFilterFor(t.ctx.database.db, everyoneScope(t.ctx), 0)).toBeNull();
    const forOneRow = await keywordFilterFor(t.ctx.database.db, everyoneScope(t.ctx), 1);
    expect(forOneRow?.mayHave(duplicateText('华为'))).toBe(true);
  });
});
