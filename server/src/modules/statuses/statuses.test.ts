import { expect, it } from 'vitest';
import { createCustomer, createStatus } from '../../../test/factories.js';
import { describeEachDb } from '../../../test/harness.js';

describeEachDb('customer statuses', (get) => {
  it('starts with the default set in order', async () => {
    const t = get();
    const res = await t.get('/api/customer-statuses', t.admin);
    expect(res.body.map((s: { name: string }) => s.name)).toEqual(['潜在客户', '意向客户', '正式客户', '流失客户']);
  });

  it('lets the admin add, rename and reorder, and logs it', async () => {
    const t = get();
    const added = await t.post('/api/customer-statuses', { name: '重点客户' }, t.admin);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: '重点客户', customerCount: 0 });
    const renamed = await t.patch(`/api/customer-statuses/${added.body.id}`, { name: 'VIP 客户', sortOrder: 0 }, t.admin);
    expect(renamed.body).toMatchObject({ name: 'VIP 客户', sortOrder: 0 });
    const list = await t.get('/api/customer-statuses', t.admin);
    expect(list.body[0].name).toBe('VIP 客户');
    const dup = await t.post('/api/customer-statuses', { name: 'VIP 客户' }, t.admin);
    expect(dup.status).toBe(422);
    const trail = await t.get('/api/audit?entity=customer_status', t.admin);
    expect(trail.body.items[0].changes).toEqual(
      expect.arrayContaining([{ field: 'name', old: '重点客户', new: 'VIP 客户' }]),
    );
  });

  it('refuses to delete a status any customer has, even one in the recycle bin', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const status = await createStatus(t);
    const c = await createCustomer(t, s, { statusId: status.id });
    const refused = await t.delete(`/api/customer-statuses/${status.id}`, t.admin);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('in_use');
    await t.delete(`/api/customers/${c.id}`, s);
    expect((await t.delete(`/api/customer-statuses/${status.id}`, t.admin)).status).toBe(409);
    const free = await createStatus(t);
    expect((await t.delete(`/api/customer-statuses/${free.id}`, t.admin)).status).toBe(204);
    expect((await t.delete(`/api/customer-statuses/${free.id}`, t.admin)).status).toBe(404);
  });

  it('counts only the customers the caller may see', async () => {
    const t = get();
    const a = await t.sessionFor('sales');
    const b = await t.sessionFor('sales');
    const staff = await t.sessionFor('staff');
    const statusId = (await t.get('/api/customer-statuses', a)).body[1].id;
    const before = (await t.get('/api/customer-statuses', t.admin)).body[1].customerCount;
    await createCustomer(t, a, { statusId });
    await createCustomer(t, a, { statusId });
    await createCustomer(t, b, { statusId });
    const count = async (as: typeof a) => (await t.get('/api/customer-statuses', as)).body[1].customerCount;
    expect(await count(a)).toBe(2);
    expect(await count(b)).toBe(1);
    expect(await count(staff)).toBe(0);
    expect(await count(t.admin)).toBe(before + 3);
  });
});
