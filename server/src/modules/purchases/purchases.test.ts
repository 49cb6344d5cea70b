import { expect, it } from 'vitest';
import { createCustomer, createPayment, createProduct, createPurchase } from '../../../test/factories.js';
import { describeEachDb, type TestApp } from '../../../test/harness.js';

async function world(t: TestApp) {
  const sales = await t.sessionFor('sales');
  const customer = (await createCustomer(t, sales)).id;
  const product = await createProduct(t, { name: '年费软件', unit: '年', price: '0.10', annualFee: '500.00' });
  return { sales, customer, product };
}

describeEachDb('purchases and payments', (get) => {
  it('takes partial payments and refuses an overpayment with a clear message, changing nothing', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const p = await createPurchase(t, sales, customer, { productId: product.id, quantity: 1, unitPrice: '1000.00', purchasedOn: '2026-11-01' });
    const pay = (amount: string, as = sales) => t.post(`/api/customers/${customer}/purchases/${p.id}/payments`, { amount, paidOn: '2026-11-20', method: 'bank' }, as);
    expect((await pay('300.00')).status).toBe(201);
    expect((await pay('0.10')).status).toBe(201);
    const after = (await t.get(`/api/customers/${customer}/purchases/${p.id}`, sales)).body;
    expect(after).toMatchObject({ amount: '1000.00', paidAmount: '300.10', owedAmount: '699.90' });
    const before = await t.snapshot();
    const over = await pay('699.91', sales);
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('overpayment');
    expect(over.body.error.details.owed).toBe('699.90');
    expect(await t.snapshot()).toEqual(before);
    expect((await pay('699.90')).status).toBe(201);
    expect((await t.get(`/api/customers/${customer}/purchases/${p.id}`, sales)).body.owedAmount).toBe('0.00');
    expect((await pay('0.01')).status).toBe(422);
    expect((await pay('0.00')).status).toBe(422);
    const list = (await t.get(`/api/customers/${customer}/purchases/${p.id}/payments`, sales)).body;
    expect(list.total).toBe(3);
    const first = list.items.find((x: { amount: string }) => x.amount === '300.00');
    expect((await t.delete(`/api/customers/${customer}/purchases/${p.id}/payments/${first.id}`, sales)).status).toBe(204);
    expect((await t.get(`/api/customers/${customer}/purchases/${p.id}`, sales)).body.owedAmount).toBe('300.00');
    expect((await t.delete(`/api/customers/${customer}/purchases/${p.id}`, sales)).status).toBe(409);
  });

  it('never lets simultaneous payments together pay more than is owed', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const p = await createPurchase(t, sales, customer, { productId: product.id, quantity: 1, unitPrice: '100.00', purchasedOn: '2026-11-01' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.post(`/api/customers/${customer}/purchases/${p.id}/payments`, { amount: '40.00', paidOn: '2026-11-20' }, sales)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect((await t.get(`/api/customers/${customer}/purchases/${p.id}`, sales)).body.paidAmount).toBe('80.00');
  });

  it('moves the annual fee due date one year on per payment, 29 February to 28 February', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const p = await createPurchase(t, sales, customer, { productId: product.id, quantity: 1, purchasedOn: '2026-11-01', annualFeeDueOn: '2028-02-29' });
    expect(p.annualFeeDueOn).toBe('2028-02-29');
    const paid = await t.post(`/api/customers/${customer}/purchases/${p.id}/annual-fee-payments`, { paidOn: '2026-11-27' }, sales);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ amount: '500.00', coveredDueOn: '2028-02-29' });
    expect((await t.get(`/api/customers/${customer}/purchases/${p.id}`, sales)).body.annualFeeDueOn).toBe('2029-02-28');
    const second = (await t.post(`/api/customers/${customer}/purchases/${p.id}/annual-fee-payments`, { paidOn: '2026-11-27', amount: '450.00' }, sales)).body;
    expect((await t.get(`/api/customers/${customer}/purchases/${p.id}`, sales)).body.annualFeeDueOn).toBe('2030-02-28');
    expect((await t.delete(`/api/customers/${customer}/purchases/${p.id}/annual-fee-payments/${paid.body.id}`, sales)).status).toBe(422);
    expect((await t.delete(`/api/customers/${customer}/purchases/${p.id}/annual-fee-payments/${second.id}`, sales)).status).toBe(204);
    expect((await t.get(`/api/customers/${customer}/purchases/${p.id}`, sales)).body.annualFeeDueOn).toBe('2029-02-28');
    const monthEnd = await createPurchase(t, sales, customer, { productId: product.id, quantity: 1, purchasedOn: '2026-01-31' });
    expect(monthEnd.annualFeeDueOn).toBe('2027-01-31');
    const noFee = await createPurchase(t, sales, customer, { productId: product.id, quantity: 1, purchasedOn: '2026-11-01', annualFee: '0' });
    expect(noFee.annualFeeDueOn).toBeNull();
    expect((await t.post(`/api/customers/${customer}/purchases/${noFee.id}/annual-fee-payments`, { paidOn: '2026-11-27' }, sales)).status).toBe(422);
  });

  it('writes purchases and payments to the customer log', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const p = await createPurchase(t, sales, customer, { productId: product.id, quantity: 1, unitPrice: '10.00', purchasedOn: '2026-11-01' });
    await createPayment(t, sales, p, { amount: '4.00', paidOn: '2026-11-02' });
    const log = (await t.get(`/api/customers/${customer}/activities?kind=log`, sales)).body.items;
    expect(log.slice(0, 2).map((e: { entity: string; action: string }) => `${e.entity}.${e.action}`)).toEqual(['payment.created', 'purchase.created']);
    expect(log[0].changes).toEqual(expect.arrayContaining([{ field: 'owedAmount', old: '10.00', new: '6.00' }]));
  });

  it('keeps purchases and payments behind the customer policy', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const other = await t.sessionFor('sales');
    const p = await createPurchase(t, sales, customer, { productId: product.id, quantity: 1, purchasedOn: '2026-11-01' });
    expect((await t.get(`/api/customers/${customer}/purchases`, other)).status).toBe(404);
    expect((await t.get(`/api/customers/${customer}/purchases/${p.id}/payments`, other)).status).toBe(404);
    expect((await t.post(`/api/customers/${customer}/purchases/${p.id}/payments`, { amount: '0.01', paidOn: '2026-11-02' }, other)).status).toBe(404);
    const theirs = (await createCustomer(t, other)).id;
    expect((await t.get(`/api/customers/${theirs}/purchases/${p.id}`, other)).status).toBe(404);
  });
});
