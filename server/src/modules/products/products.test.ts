import { expect, it } from 'vitest';
import { createCustomer, createProduct, createPurchase, createSupplier } from '../../../test/factories.js';
import { describeEachDb } from '../../../test/harness.js';

describeEachDb('products', (get) => {
  it('lets the admin register products that everyone reads, with their supplier', async () => {
    const t = get();
    const sales = await t.sessionFor('sales');
    const staff = await t.sessionFor('staff');
    const sup = await createSupplier(t, { name: '华强电子' });
    const prod = await t.post('/api/products', { code: 'ERP-01', name: 'ERP 软件', unit: '套', price: '12800.00', annualFee: '1800', supplierId: sup.id, category: '软件' }, t.admin);
    expect(prod.status).toBe(201);
    expect(prod.body).toMatchObject({ code: 'ERP-01', price: '12800.00', annualFee: '1800.00', supplierName: '华强电子', active: true });
    for (const as of [sales, staff]) {
      expect((await t.get('/api/products?q=erp', as)).body.items.map((p: { code: string }) => p.code)).toEqual(['ERP-01']);
      expect((await t.post('/api/products', { code: 'X', name: 'x', price: '1' }, as)).status).toBe(403);
    }
    expect((await t.get(`/api/products?supplierId=${sup.id}`, sales)).body.total).toBe(1);
  });

  it('refuses a duplicate code, negative or malformed money, and an unknown supplier', async () => {
    const t = get();
    await createProduct(t, { code: 'DUP-1' });
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
    const prod = await createProduct(t);
    const c = await createCustomer(t, sales);
    await createPurchase(t, sales, c.id, { productId: prod.id });
    const del = await t.delete(`/api/products/${prod.id}`, t.admin);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('in_use');
    expect((await t.patch(`/api/products/${prod.id}`, { version: 1, active: false }, t.admin)).body.active).toBe(false);
    const refused = await t.post(`/api/customers/${c.id}/purchases`, { productId: prod.id, quantity: 1, purchasedOn: '2026-11-01' }, sales);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields.productId).toBeTruthy();
    const unused = await createProduct(t);
    expect((await t.delete(`/api/products/${unused.id}`, t.admin)).status).toBe(204);
  });
});
