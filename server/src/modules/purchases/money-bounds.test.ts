import { expect, it } from 'vitest';
import { createCustomer, createProduct, createQuote } from '../../../test/factories.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';
import { syncArrears } from '../customers/arrears-repo.js';

// Money is exact or refused: every amount a client sends or makes the server derive (a line's
// quantity × unit price, a quote's total, what is paid, a customer's purchases) is either kept
// to the fen or answered with a 422 naming the field — never rounded through a float, never a 500.

const MAX = '9999999999.99';
const MAX_FEN = 999_999_999_999;

async function world(t: TestApp) {
  const sales = await t.sessionFor('sales');
  const customer = (await createCustomer(t, sales)).id;
  const product = await createProduct(t, { name: '大额设备', unit: '台', price: '1.00' });
  return { sales, customer, product };
}

const purchase = (t: TestApp, as: Session, customer: string, body: Record<string, unknown>, lang?: 'zh-CN' | 'en-US') =>
  t.request('POST', `/api/customers/${customer}/purchases`, { body: { purchasedOn: '2026-11-01', ...body }, as, ...(lang ? { lang } : {}) });

describeEachDb('money is exact or refused', (get) => {
  it('refuses 1000 × 9,999,999,999,999.99 and 1,000,000 × it with a 422 naming the field, changing nothing', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const before = await t.snapshot();

    const huge = await purchase(t, sales, customer, { productId: product.id, quantity: 1000, unitPrice: '9999999999999.99' });
    expect(huge.status).toBe(422);
    expect(huge.body.error.details.fields.unitPrice).toMatch(/金额超出上限/);
    const overflow = await purchase(t, sales, customer, { productId: product.id, quantity: 1_000_000, unitPrice: '9999999999999.99' }, 'en-US');
    expect(overflow.status).toBe(422);
    expect(overflow.body.error.details.fields.unitPrice).toMatch(/the amount is too large/);

    // Inputs within bounds whose product is not: the line amount is refused, on the quantity.
    const product1e6 = await purchase(t, sales, customer, { productId: product.id, quantity: 1_000_000, unitPrice: MAX }, 'en-US');
    expect(product1e6.status).toBe(422);
    expect(product1e6.body.error.details.fields.quantity).toMatch(/too large/);
    const product1000 = await purchase(t, sales, customer, { productId: product.id, quantity: 1000, unitPrice: MAX });
    expect(product1000.status).toBe(422);
    expect(product1000.body.error.details.fields.quantity).toMatch(/超出上限/);

    const quote = (lines: Record<string, unknown>[]) => t.post(`/api/customers/${customer}/quotes`, { quotedOn: '2026-11-20', lines }, sales);
    const q1 = await quote([{ productId: product.id, quantity: 1000, unitPrice: '9999999999999.99' }]);
    expect(q1.status).toBe(422);
    expect(q1.body.error.details.fields['lines.0.unitPrice']).toMatch(/金额超出上限/);
    const q2 = await quote([{ productId: product.id, quantity: 1 }, { productId: product.id, quantity: 1_000_000, unitPrice: MAX }]);
    expect(q2.status).toBe(422);
    expect(q2.body.error.details.fields['lines.1.quantity']).toMatch(/超出上限/);
    const discountTooLarge = await quote([{ productId: product.id, quantity: 1, discount: '10000000000.00' }]);
    expect(discountTooLarge.body.error.details.fields['lines.0.discount']).toMatch(/金额超出上限/);
    // A money string too long for any number is still "too large", not a format error.
    const digits = await purchase(t, sales, customer, { productId: product.id, quantity: 1, unitPrice: '9'.repeat(40) });
    expect(digits.body.error.details.fields.unitPrice).toMatch(/金额超出上限/);

    expect(await t.snapshot()).toEqual(before);
  });

  it('refuses a change that makes a purchase too large, and keeps it as it was', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const p = (await purchase(t, sales, customer, { productId: product.id, quantity: 1, unitPrice: MAX })).body;
    expect(p.amount).toBe(MAX);
    const before = await t.snapshot();
    const bigger = await t.patch(`/api/customers/${customer}/purchases/${p.id}`, { version: p.version, quantity: 1_000_000 }, sales);
    expect(bigger.status).toBe(422);
    expect(bigger.body.error.details.fields.quantity).toMatch(/超出上限/);
    const discount = await t.patch(`/api/customers/${customer}/purchases/${p.id}`, { version: p.version, discount: '99999999999.00' }, sales);
    expect(discount.status).toBe(422);
    expect(await t.snapshot()).toEqual(before);
  });

  it('keeps large allowed amounts exact to the fen, half-up, and takes payment up to the last fen', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    // 333.333 × 29,999,999.99 = 9,999,989,996.66667 → 9,999,989,996.67 (half-up).
    const rounded = (await purchase(t, sales, customer, { productId: product.id, quantity: 333.333, unitPrice: '29999999.99' })).body;
    expect(rounded).toMatchObject({ quantity: 333.333, unitPrice: '29999999.99', amount: '9999989996.67', owedAmount: '9999989996.67' });
    // The gross passes the maximum; after the discount the amount is exactly the maximum.
    const discounted = (await purchase(t, sales, customer, { productId: product.id, quantity: 2, unitPrice: MAX, discount: MAX })).body;
    expect(discounted).toMatchObject({ amount: MAX, discount: MAX });

    const p = (await purchase(t, sales, customer, { productId: product.id, quantity: 1, unitPrice: MAX })).body;
    expect(p).toMatchObject({ unitPrice: MAX, amount: MAX, paidAmount: '0.00', owedAmount: MAX });
    const pay = (amount: string) => t.post(`/api/customers/${customer}/purchases/${p.id}/payments`, { amount, paidOn: '2026-11-20' }, sales);
    const tooLarge = await pay('10000000000.00');
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body.error.details.fields.amount).toMatch(/金额超出上限/);
    expect((await pay('9999999999.98')).status).toBe(201);
    const over = await pay('0.02');
    expect(over.status).toBe(422);
    expect(over.body.error.details.owed).toBe('0.01');
    expect((await pay('0.01')).status).toBe(201);
    expect((await t.get(`/api/customers/${customer}/purchases/${p.id}`, sales)).body).toMatchObject({ amount: MAX, paidAmount: MAX, owedAmount: '0.00' });

    const arrears = (await t.get('/api/reports/arrears?pageSize=100', t.admin)).body;
    const row = arrears.items.find((r: { customerId: string }) => r.customerId === customer);
    expect(row).toMatchObject({ totalAmount: '19999989996.66', paidAmount: '0.00', owedAmount: '19999989996.66' });
  });

  it('totals a quote of 200 lines at the maximum exactly, and its purchases in the arrears report', async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    const lines = Array.from({ length: 200 }, (_, i) => ({ productId: product.id, quantity: 1, unitPrice: MAX, discount: i === 0 ? '0.01' : undefined }));
    const q = await t.post(`/api/customers/${customer}/quotes`, { quotedOn: '2026-11-20', status: 'accepted', lines }, sales);
    expect(q.status).toBe(201);
    expect(q.body.amount).toBe('1999999999997.99');
    expect(q.body.lines[0].amount).toBe('9999999999.98');
    expect(q.body.lines[199].amount).toBe(MAX);
    const bought = await t.post(`/api/customers/${customer}/quotes/${q.body.id}/purchase`, { purchasedOn: '2026-11-25' }, sales);
    expect(bought.status).toBe(201);
    expect(bought.body.items).toHaveLength(200);
    const arrears = (await t.get('/api/reports/arrears?pageSize=100', sales)).body;
    expect(arrears.items.find((r: { customerId: string }) => r.customerId === customer)).toMatchObject({ totalAmount: '1999999999997.99', owedAmount: '1999999999997.99' });
    expect(arrears.totals.owedAmount).toBe('1999999999997.99');
  });

  it("refuses the purchase that would take one customer's purchases past 9,999,999,999,999.99", async () => {
    const t = get();
    const { sales, customer, product } = await world(t);
    // 999 purchases at the maximum written straight to the table (the API takes a minute for
    // them), then the 1000th through a quote: 9,999,999,999,990.00 in all.
    const now = '2026-11-27T02:00:00.000Z';
    const rows = Array.from({ length: 999 }, () => ({
      customer_id: Number(customer), product_id: Number(product.id), quote_id: null, quantity_milli: 1000, unit_price_fen: MAX_FEN,
      discount_fen: 0, amount_fen: MAX_FEN, paid_fen: 0, purchased_on: '2026-11-01', annual_fee_fen: 0, annual_fee_due_on: null,
      notes: '', version: 1, created_at: now, updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 333) await t.db.insertInto('purchases').values(rows.slice(i, i + 333)).execute();
    await syncArrears(t.db, [Number(customer)]);
    const accepted = () => createQuote(t, sales, customer, { status: 'accepted', lines: [{ productId: product.id, quantity: 1, unitPrice: MAX }] });
    const fits = await accepted();
    expect((await t.post(`/api/customers/${customer}/quotes/${fits.id}/purchase`, { purchasedOn: '2026-11-25' }, sales)).status).toBe(201);

    const beyond = await accepted();
    const before = await t.snapshot();
    const refused = await t.request('POST', `/api/customers/${customer}/quotes/${beyond.id}/purchase`, { body: { purchasedOn: '2026-11-25' }, as: sales, lang: 'en-US' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields.amount).toMatch(/customer's purchases/);
    const tooMuch = await purchase(t, sales, customer, { productId: product.id, quantity: 1, unitPrice: '10.00' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.details.fields.amount).toMatch(/该客户的购买总额/);
    expect(await t.snapshot()).toEqual(before);
    // What is left fits, to the fen.
    const last = await purchase(t, sales, customer, { productId: product.id, quantity: 1, unitPrice: '9.99' });
    expect(last.status).toBe(201);
    const arrears = (await t.get('/api/reports/arrears?pageSize=100', sales)).body;
    expect(arrears.items.find((r: { customerId: string }) => r.customerId === customer).totalAmount).toBe('9999999999999.99');
    // Raising an existing purchase by a fen is refused as well.
    const raise = await t.patch(`/api/customers/${customer}/purchases/${last.body.id}`, { version: last.body.version, unitPrice: '10.00' }, sales);
    expect(raise.status).toBe(422);
    expect(raise.body.error.details.fields.amount).toMatch(/该客户的购买总额/);
  });

  it('bounds product prices, annual fees and their payments, and keeps the maximum exact', async () => {
    const t = get();
    const { sales, customer } = await world(t);
    const product = (body: Record<string, unknown>) => t.post('/api/products', { code: t.unique('F'), name: '年费', ...body }, t.admin);
    const badPrice = await product({ price: '10000000000.00' });
    expect(badPrice.status).toBe(422);
    expect(badPrice.body.error.details.fields.price).toMatch(/金额超出上限/);
    const badFee = await product({ price: '1.00', annualFee: '10000000000.00' });
    expect(badFee.status).toBe(422);
    expect(badFee.body.error.details.fields.annualFee).toMatch(/金额超出上限/);
    const p = await product({ price: MAX, annualFee: MAX });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ price: MAX, annualFee: MAX });
    const patched = await t.patch(`/api/products/${p.body.id}`, { version: p.body.version, annualFee: '10000000000' }, t.admin);
    expect(patched.status).toBe(422);

    const feeTooLarge = await purchase(t, sales, customer, { productId: p.body.id, quantity: 1, annualFee: '10000000000.00' });
    expect(feeTooLarge.status).toBe(422);
    expect(feeTooLarge.body.error.details.fields.annualFee).toMatch(/金额超出上限/);
    const bought = (await purchase(t, sales, customer, { productId: p.body.id, quantity: 1, purchasedOn: '2025-12-01' })).body;
    expect(bought).toMatchObject({ amount: MAX, annualFee: MAX, annualFeeDueOn: '2026-12-01' });
    const feeUrl = `/api/customers/${customer}/purchases/${bought.id}/annual-fee-payments`;
    const overpaid = await t.post(feeUrl, { paidOn: '2026-11-27', amount: '10000000000.00' }, sales);
    expect(overpaid.status).toBe(422);
    expect(overpaid.body.error.details.fields.amount).toMatch(/金额超出上限/);
    const fees = (await t.get(`/api/reports/annual-fees?customerId=${customer}`, sales)).body;
    expect(fees.totals).toMatchObject({ count: 1, annualFee: MAX });
    const paid = await t.post(feeUrl, { paidOn: '2026-11-27' }, sales);
    expect(paid.status).toBe(201);
    expect(paid.body.amount).toBe(MAX);
  });
});
