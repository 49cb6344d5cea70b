import { expect, it } from 'vitest';
import { range, statuses, succeeded, type Cluster } from './cluster.js';

// Who holds a customer, changed at the same moment: grants and their revocation, transfers to
// two owners at once and beside edits, and deletion or restoration beside edits. The counters,
// the arrears ledger's owners and the grants stay what a recount gives.

const CASE_MS = 90_000;

export function ownershipCases(get: () => Cluster) {
  it('keeps one grant of a customer to one delegate when it is granted and revoked at once', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const delegate = await c.user();
    const customer = await c.customer(owner);
    const granted = await c.race(
      range(8).map((i) => ({
        as: c.on(owner, i), method: 'POST' as const, path: '/api/delegations',
        body: { customerIds: [customer.id], toUserId: delegate.id, endsOn: i % 2 ? `${new Date().getFullYear() + 1}-06-30` : null },
      })),
    );
    // Granting again to the same person is not an error: it moves the end date.
    expect.soft(statuses(granted)).toEqual(range(8).map(() => 201));
    const grants = await c.must(owner, 'GET', `/api/customers/${customer.id}/delegations`, undefined, 200);
    expect.soft(grants.items.filter((g: { state: string }) => g.state === 'active').length, 'active grants').toBe(1);
    await c.expectConsistent(before);

    const grantId = grants.items[0].id;
    const revoked = await c.race(range(8).map((i) => ({ as: c.on(owner, i), method: 'POST' as const, path: `/api/delegations/${grantId}/revoke` })));
    // One revocation ends the grant; the others find it ended (422, as one after the other) or changed (409).
    expect.soft(succeeded(revoked).length, 'revocations that succeeded').toBe(1);
    await c.expectConsistent(before);

    // Grants and revocations of everything granted to the delegate, mixed.
    const mixed = await c.race(
      range(8).map((i) =>
        i % 2
          ? { as: c.on(owner, i), method: 'POST' as const, path: '/api/delegations', body: { customerIds: [customer.id], toUserId: delegate.id } }
          : { as: c.on(owner, i), method: 'POST' as const, path: '/api/delegations/revoke-all', body: { toUserId: delegate.id } },
      ),
    );
    expect.soft(statuses(mixed)).toEqual([200, 200, 200, 200, 201, 201, 201, 201]);
    await c.expectConsistent(before);
  }, CASE_MS);

  it('moves each customer once when it is transferred to two owners at the same moment', async () => {
    const c = get();
    const before = await c.problems();
    const from = await c.user();
    const [b, d, delegate] = [await c.user(), await c.user(), await c.user()];
    const product = await c.product('100.00');
    const customers = [];
    for (const i of range(5)) {
      const k = await c.customer(from.client, { statusId: c.statusIds[i % 2] });
      if (i < 3) await c.must(from.client, 'POST', `/api/customers/${k.id}/purchases`, { productId: product, quantity: 1, purchasedOn: '2026-11-01' }, 201);
      customers.push(k);
    }
    await c.must(from.client, 'POST', '/api/delegations', { customerIds: customers.slice(1, 4).map((k) => k.id), toUserId: delegate.id }, 201);
    const answers = await c.race(
      range(6).map((i) => ({ as: c.on(c.admin, i), method: 'POST' as const, path: `/api/users/${from.id}/transfer-customers`, body: { toUserId: i % 2 ? b.id : d.id } })),
    );
    expect.soft(statuses(answers)).toEqual(range(6).map(() => 200));
    const moved = succeeded(answers).reduce((n, a) => n + Number(a.body.moved), 0);
    expect.soft(moved, 'customers moved, summed over the answers').toBe(5);
    await c.expectConsistent(before);
  }, CASE_MS);

  it('keeps the counters and arrears right when a transfer runs beside edits of the customers it moves', async () => {
    const c = get();
    const before = await c.problems();
    const from = await c.user();
    const to = await c.user();
    const product = await c.product('100.00');
    const customers = [];
    for (const i of range(6)) {
      const k = await c.customer(from.client, { statusId: c.statusIds[0] });
      if (i % 2) await c.must(from.client, 'POST', `/api/customers/${k.id}/purchases`, { productId: product, quantity: 1, purchasedOn: '2026-11-01' }, 201);
      customers.push(k);
    }
    const answers = await c.race([
      { as: c.on(c.admin, 0), method: 'POST', path: `/api/users/${from.id}/transfer-customers`, body: { toUserId: to.id } },
      ...customers.map((k, i) => ({ as: c.on(c.admin, i + 1), method: 'PATCH' as const, path: `/api/customers/${k.id}`, body: { version: k.version, statusId: c.statusIds[1] } })),
      ...customers.map((k, i) => ({
        as: c.on(c.admin, i), method: 'POST' as const, path: `/api/customers/${k.id}/purchases`, body: { productId: product, quantity: 2, purchasedOn: '2026-11-02' },
      })),
    ]);
    // A status edit may find the customer already moved (a new version): 409.
    expect.soft(statuses(answers.slice(0, 1))).toEqual([200]);
    expect.soft(statuses(answers.slice(7))).toEqual(range(6).map(() => 201));
    await c.expectConsistent(before);
  }, CASE_MS);

  it('keeps the counters and arrears right when customers are deleted and restored beside edits', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const product = await c.product('100.00');
    const customers = [];
    for (const i of range(3)) {
      const k = await c.customer(owner, { statusId: c.statusIds[i % 2] });
      await c.must(owner, 'POST', `/api/customers/${k.id}/purchases`, { productId: product, quantity: 1, purchasedOn: '2026-11-01' }, 201);
      customers.push(k);
    }
    // A customer deleted a moment earlier is not found (404) by the edit that came after it.
    const deleted = await c.race(
      customers.flatMap((k, i) => [
        { as: c.on(owner, i), method: 'DELETE' as const, path: `/api/customers/${k.id}` },
        { as: c.on(c.admin, i + 1), method: 'PATCH' as const, path: `/api/customers/${k.id}`, body: { version: k.version, statusId: c.statusIds[2] } },
        { as: c.on(c.admin, i), method: 'POST' as const, path: `/api/customers/${k.id}/purchases`, body: { productId: product, quantity: 3, purchasedOn: '2026-11-03' } },
        { as: c.on(owner, i + 1), method: 'POST' as const, path: `/api/customers/${k.id}/contacts`, body: { name: '删除时的联系人' } },
      ]),
      [404],
    );
    expect.soft(deleted.filter((a) => a.call.method === 'DELETE').map((a) => a.status)).toEqual([204, 204, 204]);
    await c.expectConsistent(before);

    const restored = await c.race(
      customers.flatMap((k, i) => [
        ...range(3).map((j) => ({ as: c.on(c.admin, i + j), method: 'POST' as const, path: `/api/customers/${k.id}/restore` })),
        { as: c.on(c.admin, i), method: 'POST' as const, path: `/api/customers/${k.id}/purchases`, body: { productId: product, quantity: 1, purchasedOn: '2026-11-04' } },
      ]),
      [404],
    );
    for (const k of customers) {
      const mine = restored.filter((a) => a.call.path === `/api/customers/${k.id}/restore`);
      expect.soft(succeeded(mine).length, `restores of customer ${k.id} that succeeded`).toBe(1);
    }
    await c.expectConsistent(before);
  }, CASE_MS);
}
