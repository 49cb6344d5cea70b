import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/harness.js';

describeEachDb('suppliers', (get) => {
  it('lets the admin register suppliers that everyone reads, with the count of their products', async () => {
    const t = get();
    const sales = await t.sessionFor('sales');
    const staff = await t.sessionFor('staff');
    const sup = await t.post('/api/suppliers', { name: '华强电子', contactName: '陈经理', phone: '0755-1', bankName: '招商银行', bankAccount: '6225', taxId: '91440300' }, t.admin);
    expect(sup.status).toBe(201);
    expect(sup.body).toMatchObject({ name: '华强电子', bankName: '招商银行', active: true, productCount: 0 });
    await t.post('/api/products', { code: 'ERP-01', name: 'ERP 软件', price: '12800.00', supplierId: sup.body.id }, t.admin);
    for (const as of [sales, staff]) {
      expect((await t.get(`/api/suppliers/${sup.body.id}`, as)).body.productCount).toBe(1);
    }
  });

  it('refuses to delete a supplier whose products are on record', async () => {
    const t = get();
    const sup = (await t.post('/api/suppliers', { name: '在用供应商' }, t.admin)).body;
    await t.post('/api/products', { code: 'USE-1', name: '在用商品', price: '100', supplierId: sup.id }, t.admin);
    expect((await t.delete(`/api/suppliers/${sup.id}`, t.admin)).status).toBe(409);
  });
});
