import { expect, it } from 'vitest';
import { inconsistencies } from '../../../test/consistency.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';

// The admin's duplicate groups, kept by the customer writer: created, renamed, deleted and
// restored customers move in and out of them at once.

interface Group {
  reason: string;
  key: string;
  customerCount: number;
  customers: { id: string; name: string; keyword: string; ownerName: string; createdOn: string }[];
}

describeEachDb('duplicate groups', (get) => {
  let t: TestApp;
  let sales: Session;
  let statusId: string;
  const create = (name: string, keyword: string, createdOn?: string) =>
    t.post('/api/customers', { name, keyword, statusId, confirmDuplicate: true, ...(createdOn ? { createdOn } : {}) }, sales);
  const groups = async (query = '') => (await t.asAdmin('GET', `/api/customers/duplicate-groups${query}`)).body as { items: Group[]; total: number };
  const find = (items: Group[], reason: string, key: string) => items.find((g) => g.reason === reason && g.key === key);

  it('groups customers by keyword and by company core, largest first, listing the oldest 50', async () => {
    t = get();
    sales = await t.sessionFor('sales');
    statusId = (await t.get('/api/customer-statuses', sales)).body[0].id;
    for (let i = 0; i < 52; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      expect((await create(`长虹第${i}号经营部`, '长虹', `2020-${String(Math.floor(i / 28) + 1).padStart(2, '0')}-${day}`)).status).toBe(201);
    }
    expect((await create('深圳大疆创新科技有限公司', '大疆')).status).toBe(201);
    expect((await create('大疆创新科技（深圳）有限公司', 'DJI')).status).toBe(201);
    expect((await create('北京银行股份有限公司', '北京银行')).status).toBe(201);
    expect((await create('上海银行股份有限公司', '上海银行')).status).toBe(201);
    const { items, total } = await groups('?pageSize=50');
    expect(total).toBe(2);
    expect(items.map((g) => `${g.reason}:${g.key}:${g.customerCount}`)).toEqual(['same_keyword:长虹:52', 'same_name:大疆创新科技:2']);
    const big = items[0]!;
    expect(big.customers).toHaveLength(50);
    expect(big.customers[0]!.createdOn).toBe('2020-01-01');
    expect(big.customers.map((c) => c.createdOn)).toEqual([...big.customers.map((c) => c.createdOn)].sort());
    expect(big.customers[0]!.ownerName).toBe(sales.user.displayName);
    expect(find(items, 'same_name', '大疆创新科技')!.customers.map((c) => c.name).sort()).toEqual(['大疆创新科技（深圳）有限公司', '深圳大疆创新科技有限公司']);
  });

  it('pages the groups', async () => {
    const first = await groups('?pageSize=1&page=1');
    const second = await groups('?pageSize=1&page=2');
    expect(first.total).toBe(2);
    expect(first.items[0]!.key).toBe('长虹');
    expect(second.items[0]!.key).toBe('大疆创新科技');
    expect((await groups('?pageSize=1&page=3')).items).toEqual([]);
  });

  it('follows renames, deletes and restores at once', async () => {
    const dji = find((await groups()).items, 'same_name', '大疆创新科技')!.customers[1]!;
    const before = (await t.get(`/api/customers/${dji.id}`, sales)).body;
    expect((await t.patch(`/api/customers/${dji.id}`, { version: before.version, name: '大疆车载科技有限公司', confirmDuplicate: true }, sales)).status).toBe(200);
    expect(find((await groups()).items, 'same_name', '大疆创新科技')).toBeUndefined();
    const changhong = find((await groups()).items, 'same_keyword', '长虹')!.customers[0]!;
    expect((await t.delete(`/api/customers/${changhong.id}`, sales)).status).toBe(204);
    expect(find((await groups()).items, 'same_keyword', '长虹')!.customerCount).toBe(51);
    expect((await t.asAdmin('POST', `/api/customers/${changhong.id}/restore`)).status).toBe(204);
    expect(find((await groups()).items, 'same_keyword', '长虹')!.customerCount).toBe(52);
  });

  it('never forms a group of a word the admin declares generic', async () => {
    expect((await t.asAdmin('POST', '/api/generic-keywords', { word: '长虹' })).status).toBe(201);
    expect(find((await groups()).items, 'same_keyword', '长虹')).toBeUndefined();
    expect((await groups()).total).toBe(0);
    expect((await t.asAdmin('DELETE', `/api/generic-keywords/${encodeURIComponent('长虹')}`)).status).toBe(204);
    expect((await groups()).total).toBe(1);
  });

  it('is the admin\'s only', async () => {
    expect((await t.get('/api/customers/duplicate-groups', sales)).status).toBe(403);
    expect((await t.get('/api/customers/duplicate-groups', null)).status).toBe(401);
  });

  it('keeps its counters equal to a recount', async () => {
    expect(await inconsistencies(t.db)).toEqual([]);
  });
});
