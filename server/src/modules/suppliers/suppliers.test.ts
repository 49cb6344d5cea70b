import { expect, it } from 'vitest';
import { createProduct, createSupplier } from '../../../test/factories.js';
import { describeEachDb } from '../../../test/harness.js';

describeEachDb('suppliers', (get) => {
  it('lets the admin register suppliers that everyone reads, with the count of their products', async () => {
    const t = get();
    const sales = await t.sessionFor('sales');
    const staff = await t.sessionFor('staff');
    const sup = await t.post('/api/suppliers', { name: '华强电子', contactName: '陈经理', phone: '0755-1', bankName: '招商银行', bankAccount: '6225', taxId: '91440300' }, t.admin);
    expect(sup.status).toBe(201);
    expect(sup.body).toMatchObject({ name: '华强电子', bankName: '招商银行', active: true, productCount: 0 });
    await createProduct(t, { supplierId: sup.body.id });
    for (const as of [sales, staff]) {
      expect((await t.get(`/api/suppliers/${sup.body.id}`, as)).body.productCount).toBe(1);
    }
  });

  it('refuses to delete a supplier whose products are on record', async () => {
    const t = get();
    const sup = await createSupplier(t);
    await createProduct(t, { supplierId: sup.id });
    expect((await t.delete(`/api/suppliers/${sup.id}`, t.admin)).status).toBe(409);
  });
});
