import { expect, it } from 'vitest';
import { inconsistencies } from '../../../test/consistency.js';
import { createCustomer, createProduct, firstStatusId } from '../../../test/factories.js';
import { describeEachDb } from '../../../test/harness.js';
import { syncArrears } from '../customers/arrears-repo.js';

// Report sums run over any number of rows, so they pass 2^53 fen long before any one amount
// could: they are summed and formatted exactly, never through a float. The clock is pinned
// at 2026-11-27.

const MAX_FEN = 999_999_999_999; // 9,999,999,999.99, the largest amount one purchase holds

describeEachDb('report sums past 2^53 fen', (get) => {
  it('totals 10,001 purchases at the maximum to the fen in the arrears and annual-fee reports and the charts', async () => {
    const t = get();
    const sales = await t.sessionFor('sales');
    const statusId = await firstStatusId(t, sales);
    const productId = Number((await createProduct(t, { name: '大额年费', price: '9999999999.99', annualFee: '9999999999.99' })).id);
    const customers: number[] = [];
    for (let i = 0; i < 10; i++) customers.push(Number((await createCustomer(t, sales, { statusId })).id));
    // 1000 purchases per customer at the maximum, written straight to the tables (the API would
    // take minutes), plus one purchase of a fen so that the total is odd: not a float.
    const now = '2026-11-27T02:00:00.000Z';
    const row = (customerId: number, fen: number) => ({
      customer_id: customerId, product_id: productId, quote_id: null, quantity_milli: 1000, unit_price_fen: fen, discount_fen: 0,
      amount_fen: fen, paid_fen: 0, purchased_on: '2026-11-20', annual_fee_fen: fen, annual_fee_due_on: '2026-12-10',
      notes: '', version: 1, created_at: now, updated_at: now,
    });
    const rows = customers.flatMap((c) => Array.from({ length: 1000 }, () => row(c, MAX_FEN)));
    rows.push(row(customers[0]!, 1));
    for (let i = 0; i < rows.length; i += 500) await t.db.insertInto('purchases').values(rows.slice(i, i + 500)).execute();
    await syncArrears(t.db, customers);
    // The ledger agrees with the purchases (the rest of the check wants an audit entry per purchase).
    expect((await inconsistencies(t.db)).filter((p) => p.startsWith('customer_arrears'))).toEqual([]);

    const total = '99999999999900.01'; // 10,000 × 9,999,999,999.99 + 0.01: 2^53 fen is 90,071,992,547,409.92
    for (const viewer of [sales, t.admin]) {
      const arrears = (await t.get('/api/reports/arrears?pageSize=20', viewer)).body;
      expect(arrears.totals).toMatchObject({ customers: 10, totalAmount: total, paidAmount: '0.00', owedAmount: total });
      expect(arrears.totals.ageing).toEqual({ d0to30: total, d31to60: '0.00', d61to90: '0.00', over90: '0.00' });
      expect(arrears.totals.byOwner).toHaveLength(1);
      expect(arrears.totals.byOwner[0]).toMatchObject({ customers: 10, totalAmount: total, owedAmount: total });
      expect(arrears.items[0]).toMatchObject({ customerId: String(customers[0]), totalAmount: '9999999999990.01' });

      const fees = (await t.get('/api/reports/annual-fees?withinDays=30', viewer)).body;
      expect(fees.totals).toEqual({ count: 10_001, annualFee: total, overdueCount: 0, overdueFee: '0.00' });

      const charts = (await t.get('/api/reports/charts', viewer)).body;
      expect(charts.arrearsByOwner).toEqual([{ ownerName: sales.user.displayName, owedAmount: total }]);
      expect(charts.arrearsByAgeing.d0to30).toBe(total);
      expect(charts.feesByMonth).toEqual([{ month: '2026-12', annualFee: total, count: 10_001 }]);
    }
  }, 120_000);
});
