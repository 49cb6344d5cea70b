import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { inconsistencies } from '../../../test/consistency.js';
import { createAnnualFeePayment, createCustomer, createDelegation, createPayment, createProduct, createPurchase } from '../../../test/factories.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';

// The clock is pinned at 2026-11-27 10:00 in Shanghai.

async function seller(t: TestApp, productId: string) {
  const s = await t.sessionFor('sales');
  const statusId = (await t.get('/api/customer-statuses', s)).body[2].id;
  const buy = async (name: string, body: Record<string, unknown>) => {
    const c = await createCustomer(t, s, { keyword: t.unique(name), statusId, createdOn: (body.createdOn as string) ?? '2026-11-01' });
    const { createdOn: _c, ...purchase } = body;
    const p = await createPurchase(t, s, c.id, { productId, quantity: 1, ...purchase });
    return { customer: c.id, name: c.name, purchase: p.id };
  };
  return { s, buy };
}

async function product(t: TestApp) {
  return (await createProduct(t, { name: '年费服务', price: '1000.00', annualFee: '300.00' })).id;
}

const pay = (t: TestApp, as: Session, c: { customer: string; purchase: string }, amount: string) =>
  createPayment(t, as, { customerId: c.customer, id: c.purchase }, { amount, paidOn: '2026-11-27' });

describeEachDb('annual fees and arrears', (get) => {
  it('lists fees due within N days and overdue ones, with days overdue and totals', async () => {
    const t = get();
    const pid = await product(t);
    const { s, buy } = await seller(t, pid);
    const overdue = await buy('逾期', { purchasedOn: '2025-01-01', annualFeeDueOn: '2026-11-20' });
    const today = await buy('今日', { purchasedOn: '2025-01-01', annualFeeDueOn: '2026-11-27' });
    const edge = await buy('三十天', { purchasedOn: '2025-01-01', annualFeeDueOn: '2026-12-27' });
    await buy('三十一天', { purchasedOn: '2025-01-01', annualFeeDueOn: '2026-12-28' });
    const r = (await t.get('/api/reports/annual-fees', s)).body;
    expect(r.items.map((i: { customerId: string; overdueDays: number }) => [i.customerId, i.overdueDays])).toEqual([
      [overdue.customer, 7],
      [today.customer, 0],
      [edge.customer, 0],
    ]);
    expect(r.totals).toEqual({ count: 3, annualFee: '900.00', overdueCount: 1, overdueFee: '300.00' });
    expect((await t.get('/api/reports/annual-fees?withinDays=31', s)).body.totals.count).toBe(4);
    expect((await t.get('/api/reports/annual-fees?withinDays=0', s)).body.totals.count).toBe(2);
    const mine = (await t.get(`/api/reports/annual-fees?customerId=${overdue.customer}`, s)).body;
    expect(mine.items).toHaveLength(1);
  });

  it("leaves the recycle bin out of the admin's fee totals, and the totals equal the rows", async () => {
    const t = get();
    const pid = await product(t);
    const { buy } = await seller(t, pid);
    const totals = async () => (await t.get('/api/reports/annual-fees?withinDays=60&pageSize=500', t.admin)).body;
    await buy('年费甲', { purchasedOn: '2025-01-01', annualFeeDueOn: '2026-11-10' });
    const gone = await buy('年费乙', { purchasedOn: '2025-01-01', annualFeeDueOn: '2026-12-10' });
    const before = await totals();
    await t.delete(`/api/customers/${gone.customer}`, t.admin);
    const after = await totals();
    expect(after.totals.count).toBe(before.totals.count - 1);
    expect(Math.round(Number(after.totals.annualFee) * 100)).toBe(Math.round(Number(before.totals.annualFee) * 100) - 30000);
    expect(after.totals.overdueCount).toBe(before.totals.overdueCount);
    // The totals describe exactly the listed rows.
    expect(after.items).toHaveLength(after.totals.count);
    const listed = after.items.reduce((sum: number, i: { annualFee: string }) => sum + Math.round(Number(i.annualFee) * 100), 0);
    expect(listed).toBe(Math.round(Number(after.totals.annualFee) * 100));
    expect(after.items.filter((i: { overdueDays: number }) => i.overdueDays > 0)).toHaveLength(after.totals.overdueCount);
    await t.post(`/api/customers/${gone.customer}/restore`, undefined, t.admin);
    expect((await totals()).totals).toEqual(before.totals);
  });

  it('marks a fee as reminded with a note, logged on the customer, until it is paid', async () => {
    const t = get();
    const pid = await product(t);
    const { s, buy } = await seller(t, pid);
    const c = await buy('催缴', { purchasedOn: '2025-01-01', annualFeeDueOn: '2026-11-28' });
    const res = await t.post(`/api/customers/${c.customer}/purchases/${c.purchase}/reminders`, { note: '已电话催缴' }, s);
    expect(res.status).toBe(201);
    const row = (await t.get(`/api/reports/annual-fees?customerId=${c.customer}`, s)).body.items[0];
    expect(row).toMatchObject({ reminderNote: '已电话催缴' });
    expect(row.remindedAt).toBeTruthy();
    const log = (await t.get(`/api/customers/${c.customer}/activities?kind=log`, s)).body.items[0];
    expect(log).toMatchObject({ entity: 'annual_fee', action: 'reminded' });
    await createAnnualFeePayment(t, s, { customerId: c.customer, id: c.purchase });
    expect((await t.get(`/api/reports/annual-fees?customerId=${c.customer}`, s)).body.items).toEqual([]);
    expect((await t.get(`/api/reports/annual-fees?customerId=${c.customer}&withinDays=366`, s)).body.items[0].remindedAt).toBeNull();
  });

  it('ages arrears from the purchase date at the bucket boundaries, and totals equal the rows', async () => {
    const t = get();
    const pid = await product(t);
    const { s, buy } = await seller(t, pid);
    const a = await buy('欠甲', { purchasedOn: '2026-10-28' }); // 30 days: 0–30
    const b = await buy('欠乙', { purchasedOn: '2026-10-27' }); // 31 days: 31–60
    const c = await buy('欠丙', { purchasedOn: '2026-08-29' }); // 90 days: 61–90
    const d = await buy('欠丁', { purchasedOn: '2026-08-28' }); // 91 days: over 90
    const paidUp = await buy('已付清', { purchasedOn: '2026-01-01' });
    await pay(t, s, a, '100.00');
    await pay(t, s, paidUp, '1000.00');
    const r = (await t.get('/api/reports/arrears', s)).body;
    const byId = Object.fromEntries(r.items.map((i: { customerId: string }) => [i.customerId, i]));
    expect(Object.keys(byId).sort()).toEqual([a, b, c, d].map((x) => x.customer).sort());
    expect(byId[a.customer]).toMatchObject({ totalAmount: '1000.00', paidAmount: '100.00', owedAmount: '900.00', oldestUnpaidOn: '2026-10-28', ageing: { d0to30: '900.00', d31to60: '0.00', d61to90: '0.00', over90: '0.00' } });
    expect(byId[b.customer].ageing.d31to60).toBe('1000.00');
    expect(byId[c.customer].ageing.d61to90).toBe('1000.00');
    expect(byId[d.customer].ageing.over90).toBe('1000.00');
    expect(r.totals).toMatchObject({ customers: 4, owedAmount: '3900.00', ageing: { d0to30: '900.00', d31to60: '1000.00', d61to90: '1000.00', over90: '1000.00' } });
    const rowsOwed = r.items.reduce((sum: number, i: { owedAmount: string }) => sum + Math.round(Number(i.owedAmount) * 100), 0);
    expect(rowsOwed).toBe(390000);
    expect(r.totals.byOwner).toEqual([expect.objectContaining({ ownerId: s.user.id, owedAmount: '3900.00', customers: 4 })]);
    expect(r.items[0].owedAmount >= r.items[1].owedAmount).toBe(true);
  });

  it('keeps the arrears ledger in step with payments, purchase edits, deletes, restores and transfers', async () => {
    const t = get();
    const pid = await product(t);
    const a = await seller(t, pid);
    const b = await seller(t, pid);
    const owed = async (as: Session) => (await t.get('/api/reports/arrears', as)).body.totals.owedAmount as string;
    const check = async () => expect(await inconsistencies(t.db)).toEqual([]);
    const x = await a.buy('账甲', { purchasedOn: '2026-11-01' });
    const y = await a.buy('账乙', { purchasedOn: '2025-06-01' });
    await check();
    expect(await owed(a.s)).toBe('2000.00');
    const base = `/api/customers/${x.customer}/purchases/${x.purchase}`;
    const payment = await pay(t, a.s, x, '250.00');
    expect(await owed(a.s)).toBe('1750.00');
    await t.patch(`${base}/payments/${payment.id}`, { version: payment.version, amount: '1000.00' }, a.s);
    expect(await owed(a.s)).toBe('1000.00'); // x is paid up and leaves the report
    expect((await t.get('/api/reports/arrears', a.s)).body.items.map((i: { customerId: string }) => i.customerId)).toEqual([y.customer]);
    await t.delete(`${base}/payments/${payment.id}`, a.s);
    expect(await owed(a.s)).toBe('2000.00');
    const purchase = (await t.get(`/api/customers/${y.customer}/purchases/${y.purchase}`, a.s)).body;
    await t.patch(`/api/customers/${y.customer}/purchases/${y.purchase}`, { version: purchase.version, quantity: 3 }, a.s);
    expect(await owed(a.s)).toBe('4000.00');
    await check();
    await t.delete(`/api/customers/${y.customer}/purchases/${y.purchase}`, a.s);
    expect(await owed(a.s)).toBe('1000.00');
    await t.delete(`/api/customers/${x.customer}`, a.s);
    expect(await owed(a.s)).toBe('0.00');
    expect((await t.get('/api/reports/arrears', t.admin)).text).not.toContain(x.name);
    await t.post(`/api/customers/${x.customer}/restore`, undefined, t.admin);
    expect(await owed(a.s)).toBe('1000.00');
    await check();
    // Transferred to b: the debt goes with the customer, in the report and per owner.
    await t.post(`/api/users/${a.s.user.id}/transfer-customers`, { toUserId: b.s.user.id, customerIds: [x.customer] }, t.admin);
    expect(await owed(a.s)).toBe('0.00');
    expect(await owed(b.s)).toBe('1000.00');
    const byOwner = (await t.get('/api/reports/arrears', t.admin)).body.totals.byOwner;
    expect(byOwner.find((o: { ownerId: string }) => o.ownerId === b.s.user.id)).toMatchObject({ customers: 1, owedAmount: '1000.00' });
    expect(byOwner.find((o: { ownerId: string }) => o.ownerId === a.s.user.id)).toBeUndefined();
    // And back by an edit of the owner.
    const c = (await t.get(`/api/customers/${x.customer}`, t.admin)).body;
    await t.patch(`/api/customers/${x.customer}`, { version: c.version, ownerId: a.s.user.id }, t.admin);
    expect(await owed(a.s)).toBe('1000.00');
    expect(await owed(b.s)).toBe('0.00');
    await check();
  });

  it('keeps every figure to what the viewer may see, and the admin sees all salespeople', async () => {
    const t = get();
    const pid = await product(t);
    const a = await seller(t, pid);
    const b = await seller(t, pid);
    const secret = await b.buy('CANARYREPORT', { purchasedOn: '2026-11-01', annualFeeDueOn: '2026-12-01' });
    await a.buy('可见', { purchasedOn: '2026-11-01', annualFeeDueOn: '2026-12-01' });
    for (const url of ['/api/reports/annual-fees', '/api/reports/arrears', '/api/reports/charts', '/api/dashboard', '/api/reports/arrears?format=csv', '/api/reports/annual-fees?format=csv']) {
      const res = await t.get(url, a.s);
      expect(res.status, url).toBe(200);
      expect(res.text, url).not.toContain('CANARYREPORT');
    }
    expect((await t.get(`/api/reports/annual-fees?customerId=${secret.customer}`, a.s)).body.items).toEqual([]);
    const all = (await t.get('/api/reports/arrears', t.admin)).body;
    expect(all.totals.byOwner.map((o: { ownerId: string }) => o.ownerId)).toEqual(expect.arrayContaining([a.s.user.id, b.s.user.id]));
    // A delegate sees the delegated customer's figures while the grant is active.
    await createDelegation(t, b.s, [secret.customer], a.s.user.id);
    expect((await t.get('/api/reports/arrears', a.s)).text).toContain('CANARYREPORT');
  });

  it('exports both reports as xlsx and CSV', async () => {
    const t = get();
    const pid = await product(t);
    const { s, buy } = await seller(t, pid);
    await buy('导出报表', { purchasedOn: '2026-11-01', annualFeeDueOn: '2026-12-01' });
    const csv = await t.get('/api/reports/arrears?format=csv', s);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.slice(1).split('\r\n')[0]).toMatch(/^客户名称,业务员,总金额/);
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/reports/annual-fees?format=xlsx', headers: { cookie: s.cookie, 'accept-language': 'en-US' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const rows: unknown[] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(expect.arrayContaining(['Customer', 'Annual fee', 'Due on']));
    expect(rows).toHaveLength(2);
  });

  it('gives chart data and a dashboard over the visible customers', async () => {
    const t = get();
    const pid = await product(t);
    const { s, buy } = await seller(t, pid);
    await buy('图表甲', { purchasedOn: '2026-11-01', annualFeeDueOn: '2027-01-15', createdOn: '2026-03-05' });
    await buy('图表乙', { purchasedOn: '2026-11-01', annualFeeDueOn: '2027-01-20', createdOn: '2026-03-20' });
    const c = (await t.get('/api/reports/charts', s)).body;
    expect(c.feesByMonth).toEqual([{ month: '2027-01', annualFee: '600.00', count: 2 }]);
    expect(c.newCustomersByMonth).toEqual([{ month: '2026-03', statusName: '正式客户', count: 2 }]);
    expect(c.funnel.find((f: { statusName: string }) => f.statusName === '正式客户').count).toBe(2);
    expect(c.arrearsByOwner).toEqual([{ ownerName: s.user.displayName, owedAmount: '2000.00' }]);
    const d = (await t.get('/api/dashboard', s)).body;
    expect(d.topArrears.owedAmount).toBe('2000.00');
    expect(d.recentChanges.length).toBeGreaterThan(0);
    expect(d.feesDue.count).toBe(0);
  });
});
