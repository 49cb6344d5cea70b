import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { down, up } from '../../db/migrations/2026_12_08_0100_duplicates_v2.js';
import * as mergedIndex from '../../db/migrations/2026_12_08_1100_index_merged_customers.js';
import { duplicateKeysOf } from '../../../../common/duplicates/keys.js';
import { inconsistencies } from '../../../test/consistency.js';
import { describeEachDb } from '../../../test/harness.js';

// The migration that brought the duplicate keys computes them for the customers already there.

describeEachDb('duplicates migration', (get) => {
  it('computes every existing customer\'s keys and counts the groups', async () => {
    const t = get();
    const sales = await t.sessionFor('sales');
    const statusId = (await t.get('/api/customer-statuses', sales)).body[0].id;
    const names = [
      ['深圳大疆创新科技有限公司', 'DJI'],
      ['大疆创新科技（深圳）有限公司', 'ＤＪＩ'],
      ['北京银行股份有限公司', '北京银行'],
      ['宁波舜\u200B宇光学科技有限公司', '舜宇·光学'],
    ];
    const ids: number[] = [];
    for (const [name, keyword] of names) {
      const res = await t.post('/api/customers', { name, keyword, statusId, confirmDuplicate: true }, sales);
      expect(res.status).toBe(201);
      ids.push(Number(res.body.id));
    }
    await t.delete(`/api/customers/${ids[3]}`, sales);
    // As before the migration: the search's normalisation in the key columns.
    await mergedIndex.down(t.db);
    await down(t.db);
    await sql`update customers set name_norm = lower(name), keyword_norm = lower(keyword)`.execute(t.db);
    await up(t.db);
    await mergedIndex.up(t.db);
    const rows = await t.db.selectFrom('customers').select(['id', 'name', 'keyword', 'name_norm', 'keyword_norm', 'name_core']).where('id', 'in', ids).orderBy('id').execute();
    expect(rows.map((r) => ({ name_norm: r.name_norm, keyword_norm: r.keyword_norm, name_core: r.name_core }))).toEqual(names.map(([n, k]) => duplicateKeysOf(n!, k!)));
    expect(rows[3]!.keyword_norm).toBe('舜宇光学');
    const groups = (await t.asAdmin('GET', '/api/customers/duplicate-groups')).body.items;
    expect(groups.map((g: { reason: string; key: string; customerCount: number }) => `${g.reason}:${g.key}:${g.customerCount}`).sort()).toEqual(['same_keyword:dji:2', 'same_name:大疆创新科技:2']);
    expect(await inconsistencies(t.db)).toEqual([]);
  });
});
