import { expect, it } from 'vitest';
import { createContact, createCustomer, createFollowUp, createProduct, createPurchase, createQuote } from './factories.js';
import { describeEachDb } from './harness.js';

// A customer's tabs count their rows only when the page just read cannot already tell the total
// (lib/paging.ts totalAfterReading): a first page that came back short holds every row. The
// totals must come out the same whichever way they are found, and the customer's visibility is
// still checked for every tab (it is read beside the page now, not before it).
describeEachDb("the totals of a customer's tabs", (get) => {
  it('are exact on short and full first pages, later pages, pages past the end and cursor pages', async () => {
    const t = get();
    const sales = await t.sessionFor('sales');
    const stranger = await t.sessionFor('sales');
    const customer = (await createCustomer(t, sales)).id;
    const product = await createProduct(t, { price: '10.00', annualFee: '0' });
    for (let i = 1; i <= 4; i++) {
      t.clock.advance(1000);
      await createContact(t, sales, customer, { name: `联系人${i}`, mobile: `1380013800${i}` });
      await createQuote(t, sales, customer, { quotedOn: `2026-11-0${i}`, lines: [{ productId: product.id, quantity: i }] });
      await createPurchase(t, sales, customer, { productId: product.id, quantity: i, purchasedOn: `2026-11-0${i}` });
      await createFollowUp(t, sales, customer, { kind: 'followup', occurredOn: `2026-11-0${i}`, method: 'phone', content: `第${i}次电话` });
    }

    for (const tab of ['contacts', 'quotes', 'purchases', 'activities', 'activities?kind=log', 'activities?kind=followup']) {
      const url = (query: string) => `/api/customers/${customer}/${tab}${tab.includes('?') ? '&' : '?'}${query}`;
      const all = (await t.get(url('pageSize=100'), sales)).body;
      const n = all.items.length as number;
      expect(n, tab).toBeGreaterThanOrEqual(4);
      expect(all.total, tab).toBe(n);
      for (const pageSize of [1, 3, n - 1, n, n + 1]) {
        for (let page = 1; page <= Math.ceil(n / pageSize) + 1; page++) {
          const res = (await t.get(url(`pageSize=${pageSize}&page=${page}`), sales)).body;
          const ids = res.items.map((r: { id: string }) => r.id);
          expect(ids, `${tab} size ${pageSize} page ${page}`).toEqual(all.items.slice((page - 1) * pageSize, page * pageSize).map((r: { id: string }) => r.id));
          expect(res.total, `${tab} size ${pageSize} page ${page}`).toBe(n);
        }
      }
      expect((await t.get(url('pageSize=2'), stranger)).status, tab).toBe(404);
    }

    // The timeline's cursor pages read from the cursor on, so they count.
    let url = `/api/customers/${customer}/activities?pageSize=3`;
    const seen: string[] = [];
    for (;;) {
      const res = (await t.get(url, sales)).body;
      seen.push(...res.items.map((r: { kind: string; id: string }) => `${r.kind}${r.id}`));
      expect(res.total).toBe((await t.get(`/api/customers/${customer}/activities?pageSize=100`, sales)).body.total);
      if (!res.nextCursor) break;
      url = `/api/customers/${customer}/activities?pageSize=3&cursor=${res.nextCursor}`;
    }
    expect(new Set(seen).size).toBe(seen.length);
  });
});
