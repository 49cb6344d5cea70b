import { expect, it } from 'vitest';
import { addYears } from '../../src/lib/dates.js';
import { range, statuses, succeeded, type Cluster } from './cluster.js';

// Purchases, payments, annual fees and quotes written at the same moment: what is owed, what
// was paid and what falls due next stay what a recount gives.

const CASE_MS = 90_000;

export function moneyCases(get: () => Cluster) {
  it('takes six purchases added to one customer at once, arrears as recounted', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const customer = await c.customer(owner);
    const product = await c.product();
    const answers = await c.race(
      range(6).map((i) => ({
        as: c.on(owner, i), method: 'POST' as const, path: `/api/customers/${customer.id}/purchases`,
        body: { productId: product, quantity: i + 1, purchasedOn: `2026-11-0${i + 1}` },
      })),
    );
    // A new purchase carries no version: nothing it races can make it stale.
    expect.soft(statuses(answers)).toEqual(range(6).map(() => 201));
    const list = await c.must(owner, 'GET', `/api/customers/${customer.id}/purchases?pageSize=50`, undefined, 200);
    expect.soft(list.total).toBe(succeeded(answers).length);
    await c.expectConsistent(before);
  }, CASE_MS);

  it('takes payments on two purchases of one customer at once', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const customer = await c.customer(owner);
    const product = await c.product('100.00');
    const base = `/api/customers/${customer.id}/purchases`;
    const purchases = [
      await c.must(owner, 'POST', base, { productId: product, quantity: 1, purchasedOn: '2026-11-01' }, 201),
      await c.must(owner, 'POST', base, { productId: product, quantity: 1, purchasedOn: '2026-11-02' }, 201),
    ];
    const answers = await c.race(
      range(8).map((i) => ({
        as: c.on(owner, i), method: 'POST' as const, path: `${base}/${purchases[i % 2].id}/payments`, body: { amount: '10.00', paidOn: '2026-11-20' },
      })),
    );
    expect.soft(statuses(answers)).toEqual(range(8).map(() => 201));
    for (const p of purchases) {
      const now = await c.must(owner, 'GET', `${base}/${p.id}`, undefined, 200);
      const taken = succeeded(answers).filter((a) => a.call.path.includes(`/${p.id}/`)).length;
      expect.soft(now.paidAmount).toBe(`${taken * 10}.00`);
    }
    await c.expectConsistent(before);
  }, CASE_MS);

  it('takes payments on one purchase at once up to what it owes, and refuses the rest', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const customer = await c.customer(owner);
    const base = `/api/customers/${customer.id}/purchases`;
    const purchase = await c.must(owner, 'POST', base, { productId: await c.product('100.00'), quantity: 1, purchasedOn: '2026-11-01' }, 201);
    const answers = await c.race(
      range(8).map((i) => ({ as: c.on(owner, i), method: 'POST' as const, path: `${base}/${purchase.id}/payments`, body: { amount: '20.00', paidOn: '2026-11-20' } })),
    );
    // Five fit in the 100.00 owed; the others are overpayments.
    expect.soft(statuses(answers)).toEqual([201, 201, 201, 201, 201, 422, 422, 422]);
    const now = await c.must(owner, 'GET', `${base}/${purchase.id}`, undefined, 200);
    expect.soft([now.paidAmount, now.owedAmount]).toEqual([`${succeeded(answers).length * 20}.00`, `${100 - succeeded(answers).length * 20}.00`]);
    await c.expectConsistent(before);
  }, CASE_MS);

  it('never lets a price cut and payments racing it leave a purchase owing less than nothing', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const product = await c.product('100.00');
    // A purchase per customer: what races here is the purchase's own amount and paid sum.
    const purchases: { base: string; id: string; version: number }[] = [];
    for (let i = 0; i < 4; i++) {
      const base = `/api/customers/${(await c.customer(owner)).id}/purchases`;
      purchases.push({ base, ...(await c.must(owner, 'POST', base, { productId: product, quantity: 1, purchasedOn: '2026-11-01' }, 201)) });
    }
    // Per purchase: its amount cut from 100.00 to 10.00, and two payments of 50.00, at once.
    const answers = await c.race(
      purchases.flatMap((p, i) => [
        { as: c.on(owner, i), method: 'PATCH' as const, path: `${p.base}/${p.id}`, body: { version: p.version, unitPrice: '10.00' } },
        { as: c.on(owner, i + 1), method: 'POST' as const, path: `${p.base}/${p.id}/payments`, body: { amount: '50.00', paidOn: '2026-11-20' } },
        { as: c.on(owner, i), method: 'POST' as const, path: `${p.base}/${p.id}/payments`, body: { amount: '50.00', paidOn: '2026-11-20' } },
      ]),
    );
    for (const p of purchases) {
      const now = await c.must(owner, 'GET', `${p.base}/${p.id}`, undefined, 200);
      expect.soft(Number(now.owedAmount), `purchase ${p.id}: amount ${now.amount}, paid ${now.paidAmount}`).toBeGreaterThanOrEqual(0);
      const mine = answers.filter((a) => a.call.path.startsWith(`${p.base}/${p.id}`));
      // Either the cut came first (no 50.00 fits in 10.00) or a payment did (the cut is below it).
      const cut = mine[0]!.status === 200;
      const paid = mine.slice(1).filter((a) => a.status === 201).length;
      expect.soft({ cut, paid, amount: now.amount, paidAmount: now.paidAmount }).toEqual(
        cut ? { cut, paid: 0, amount: '10.00', paidAmount: '0.00' } : { cut, paid, amount: '100.00', paidAmount: `${paid * 50}.00` },
      );
    }
    await c.expectConsistent(before);
  }, CASE_MS);

  it('moves the annual fee due date on exactly once per annual-fee payment made at once', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const customer = await c.customer(owner);
    const base = `/api/customers/${customer.id}/purchases`;
    const purchase = await c.must(owner, 'POST', base, { productId: await c.product('100.00', '30.00'), quantity: 1, purchasedOn: '2025-06-01' }, 201);
    expect(purchase.annualFeeDueOn).toBe('2026-06-01');
    const answers = await c.race(
      range(6).map((i) => ({ as: c.on(owner, i), method: 'POST' as const, path: `${base}/${purchase.id}/annual-fee-payments`, body: { paidOn: '2026-11-20' } })),
    );
    expect.soft(statuses(answers)).toEqual(range(6).map(() => 201));
    const n = succeeded(answers).length;
    const now = await c.must(owner, 'GET', `${base}/${purchase.id}`, undefined, 200);
    expect.soft(now.annualFeeDueOn).toBe(addYears('2026-06-01', n));
    const fees = await c.must(owner, 'GET', `${base}/${purchase.id}/annual-fee-payments?pageSize=50`, undefined, 200);
    const covered = fees.items.map((f: { coveredDueOn: string }) => f.coveredDueOn).sort();
    expect.soft(covered).toEqual(range(n).map((i) => addYears('2026-06-01', i)));
    await c.expectConsistent(before);
  }, CASE_MS);

  it('turns an accepted quote into purchases once when ten ask at the same moment', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const customer = await c.customer(owner);
    const lines = [{ productId: await c.product('100.00'), quantity: 1 }, { productId: await c.product('25.00', '5.00'), quantity: 2 }];
    const quote = await c.must(owner, 'POST', `/api/customers/${customer.id}/quotes`, { quotedOn: '2026-11-20', status: 'accepted', lines }, 201);
    const answers = await c.race(
      range(10).map((i) => ({ as: c.on(owner, i), method: 'POST' as const, path: `/api/customers/${customer.id}/quotes/${quote.id}/purchase`, body: { purchasedOn: '2026-11-25' } })),
    );
    expect.soft(succeeded(answers).length, 'conversions that succeeded').toBe(1);
    const purchases = await c.must(owner, 'GET', `/api/customers/${customer.id}/purchases?pageSize=50`, undefined, 200);
    expect.soft(purchases.total, 'purchases made from the quote').toBe(2);
    await c.expectConsistent(before);
  }, CASE_MS);

  it('takes quotes created at once, and one of the line changes made at once to each', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const customer = await c.customer(owner);
    const product = await c.product('10.00');
    const path = `/api/customers/${customer.id}/quotes`;
    const created = await c.race(
      range(6).map((i) => ({ as: c.on(owner, i), method: 'POST' as const, path, body: { quotedOn: '2026-11-20', lines: [{ productId: product, quantity: i + 1 }] } })),
    );
    expect.soft(statuses(created)).toEqual(range(6).map(() => 201));
    const quotes = succeeded(created).map((a) => a.body as { id: string; version: number });
    // Two edits of each quote from the same version: different lines, one wins, one is stale.
    const edits = await c.race(
      quotes.flatMap((q, i) =>
        [1, 2].map((k) => ({
          as: c.on(owner, i + k), method: 'PATCH' as const, path: `${path}/${q.id}`,
          body: { version: q.version, notes: `改${k}`, lines: range(k).map((j) => ({ productId: product, quantity: k + j, discount: `${j}.00` })) },
        })),
      ),
    );
    for (const q of quotes) {
      expect.soft(statuses(edits.filter((a) => a.call.path === `${path}/${q.id}`)), `edits of quote ${q.id}`).toEqual([200, 409]);
    }
    await c.expectConsistent(before);
  }, CASE_MS);
}
