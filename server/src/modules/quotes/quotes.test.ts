import { expect, it } from 'vitest';
import { createCustomer, createProduct, createQuote } from '../../../test/factories.js';
import { describeEachDb, type TestApp } from '../../../test/harness.js';

async function world(t: TestApp) {
  const sales = await t.sessionFor('sales');
  const customer = (await createCustomer(t, sales)).id;
  const product = await createProduct(t, { name: '年费软件', unit: '年', price: '0.10', annualFee: '500.00' });
  return { sales, customer, product };
}

describeEachDb('quotes', (get) => {
  it('prices quote lines exactly: list price default, discount off the line, half-up rounding', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const q = await t.post(
      `/api/customers/${customer}/quotes`,
      {
        quotedOn: '2026-11-20', validUntil: '2026-12-20', notes: '首次报价',
        lines: [
          { productId: product.id, quantity: 3 },
          { productId: product.id, quantity: 1.5, unitPrice: '0.33' },
          { productId: product.id, quantity: 2, unitPrice: '1000.00', discount: '150.00' },
        ],
      },
      sales,
    );
    expect(q.status).toBe(201);
    expect(q.body.lines.map((l: { amount: string }) => l.amount)).toEqual(['0.30', '0.50', '1850.00']);
    expect(q.body.lines[0].unitPrice).toBe('0.10');
    expect(q.body).toMatchObject({ amount: '1850.80', status: 'draft' });
    const tooMuch = await t.post(`/api/customers/${customer}/quotes`, { quotedOn: '2026-11-20', lines: [{ productId: product.id, quantity: 1, discount: '1.00' }] }, sales);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.details.fields['lines.0.discount']).toBeTruthy();
  });

  it('moves a quote draft → sent → accepted, expires an open one after its validity, and refuses other moves', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const q = await createQuote(t, sales, customer, { quotedOn: '2026-11-01', validUntil: '2026-11-26', lines: [{ productId: product.id, quantity: 1 }] });
    expect(q.status).toBe('expired');
    const reopened = await t.patch(`/api/customers/${customer}/quotes/${q.id}`, { version: 1, validUntil: '2026-12-31', status: 'sent' }, sales);
    expect(reopened.body.status).toBe('sent');
    const accepted = await t.patch(`/api/customers/${customer}/quotes/${q.id}`, { version: 2, status: 'accepted' }, sales);
    expect(accepted.body.status).toBe('accepted');
    const back = await t.patch(`/api/customers/${customer}/quotes/${q.id}`, { version: 3, status: 'draft' }, sales);
    expect(back.status).toBe(422);
    expect(back.body.error.code).toBe('invalid_transition');
    expect((await t.patch(`/api/customers/${customer}/quotes/${q.id}`, { version: 3, lines: [{ productId: product.id, quantity: 2 }] }, sales)).status).toBe(422);
  });

  it('turns an accepted quote into purchases once, with annual fees due a year later', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const q = await createQuote(t, sales, customer, { status: 'accepted', lines: [{ productId: product.id, quantity: 2, unitPrice: '6000.00', discount: '500.00' }] });
    const res = await t.post(`/api/customers/${customer}/quotes/${q.id}/purchase`, { purchasedOn: '2026-11-25' }, sales);
    expect(res.status).toBe(201);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ quoteId: q.id, quantity: 2, unitPrice: '6000.00', discount: '500.00', amount: '11500.00', paidAmount: '0.00', owedAmount: '11500.00', annualFee: '500.00', annualFeeDueOn: '2027-11-25' });
    expect((await t.post(`/api/customers/${customer}/quotes/${q.id}/purchase`, undefined, sales)).status).toBe(422);
    const draft = await createQuote(t, sales, customer, { lines: [{ productId: product.id, quantity: 1 }] });
    expect((await t.post(`/api/customers/${customer}/quotes/${draft.id}/purchase`, undefined, sales)).status).toBe(422);
    expect((await t.delete(`/api/customers/${customer}/quotes/${q.id}`, sales)).status).toBe(409);
  });
});
