import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/harness.js';

describeEachDb('products', (get) => {
  it('lets the admin register products that everyone reads, with their supplier', async () => {
    const t = get();
    const sales = await t.sessionFor('sales');
    const staff = await t.sessionFor('staff');
    const sup = await t.post('/api/suppliers', { name: '华强电子' }, t.admin);
    const prod = await t.post('/api/products', { code: 'ERP-01', name: 'ERP 软件', unit: '套', price: '12800.00', annualFee: '1800', supplierId: sup.body.id, category: '软件' }, t.admin);
    expect(prod.status).toBe(201);
    expect(prod.body).toMatchObject({ code: 'ERP-01', price: '12800.00', annualFee: '1800.00', supplierName: '华强电子', active: true });
    for (const as of [sales, staff]) {
      expect((await t.get('/api/products?q=erp', as)).body.items.map((p: { code: string }) => p.code)).toEqual(['ERP-01']);
      expect((await t.post('/api/products', { code: 'X', name: 'x', price: '1' }, as)).status).toBe(403);
    }
    expect((await t.get(`/api/products?supplierId=${sup.body.id}`, sales)).body.total).toBe(1);
  });

  it('refuses a duplicate code, negative or malformed money, and an unknown supplier', async () => {
    const t = get();
    await t.post('/api/products', { code: 'DUP-1', name: 'A', price: '1' }, t.admin);
    const before = await t.snapshot();
    expect((await t.post('/api/products', { code: 'dup-1', name: 'B', price: '1' }, t.admin)).status).toBe(422);
    for (const price of ['-1.00', '1.005', 'abc', '1e3']) {
      const res = await t.post('/api/products', { code: `P${price}`, name: 'x', price }, t.admin);
      expect(res.status, price).toBe(422);
      expect(res.body.error.details.fields.price).toBeTruthy();
    }
    expect((await t.post('/api/products', { code: 'S-1', name: 'x', price: '1', supplierId: '99999' }, t.admin)).status).toBe(422);
    expect(await t.snapshot()).toEqual(before);
  });

  it('refuses to delete a product in use, but deactivates it; inactive products are not offered', async () => {
    const t = get();
    const sales = await t.sessionFor('sales');
    const prod = (await t.post('/api/products', { code: 'USE-1', name: '在用商品', price: '100' }, t.admin)).body;
    const statusId = (await t.get('/api/customer-statuses', sales)).body[0].id;
    const c = (await t.post('/api/customers', { name: '在用客户公司', keyword: '在用客户', statusId }, sales)).body;
    expect((await t.post(`/api/customers/${c.id}/purchases`, { productId: prod.id, quantity: 1, purchasedOn: '2026-11-01' }, sales)).status).toBe(201);
    const del = await t.delete(`/api/products/${prod.id}`, t.admin);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('in_use');
    expect((await t.patch(`/api/products/${prod.id}`, { version: 1, active: false }, t.admin)).body.active).toBe(false);
    const refused = await t.post(`/api/customers/${c.id}/purchases`, { productId: prod.id, quantity: 1, purchasedOn: '2026-11-01' }, sales);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields.productId).toBeTruthy();
    const unused = (await t.post('/api/products', { code: 'FREE-1', name: '未用', price: '1' }, t.admin)).body;
    expect((await t.delete(`/api/products/${unused.id}`, t.admin)).status).toBe(204);
  });
});
