import { expect, it } from 'vitest';
import { createCustomer, createDelegation } from '../factories.js';
import { describeEachDb, type Session, type TestApp } from '../harness.js';
import { actors, expectations, type ActorKind } from './expectations.js';
import { CANARY, Fixtures, requests } from './requests.js';

/** A salesperson holding a grant on the given customer from the owner. */
async function delegateOf(t: TestApp, owner: Session, customerId: string) {
  const session = await t.sessionFor('sales');
  const [grant] = await createDelegation(t, owner, [customerId], session.user.id);
  return { session, grantId: grant!.id };
}

async function sessionOf(t: TestApp, actor: ActorKind, owner: Session, f: Fixtures): Promise<Session | null> {
  switch (actor) {
    case 'activeDelegate':
      return (await delegateOf(t, owner, (await f.customer()).id)).session;
    case 'revokedDelegate': {
      const { session, grantId } = await delegateOf(t, owner, (await f.customer()).id);
      await t.post(`/api/delegations/${grantId}/revoke`, undefined, owner);
      return session;
    }
    case 'lapsedDelegate': {
      // A grant that ended yesterday (the clock is pinned to 2026-11-27 in Shanghai).
      const session = await t.sessionFor('sales');
      await t.db
        .insertInto('delegations')
        .values({
          customer_id: Number((await f.customer()).id), from_user_id: Number(owner.user.id), to_user_id: Number(session.user.id),
          starts_on: '2026-11-01', ends_on: '2026-11-26', granted_by: Number(owner.user.id), granted_at: '2026-11-01T02:00:00.000Z',
          ended_at: null, ended_by: null, end_reason: null, customer_name_snapshot: `${(await f.customer()).keyword}有限公司`,
        })
        .execute();
      return session;
    }
    case 'otherDelegate': {
      const other = await createCustomer(t, owner, { statusId: await f.statusId() });
      return (await delegateOf(t, owner, other.id)).session;
    }
    case 'admin':
      return t.sessionFor('admin');
    case 'owner':
      return owner;
    case 'other':
      return t.sessionFor('sales');
    case 'staff':
      return t.sessionFor('staff');
    case 'assignedStaff':
      // The engineer the row's service request (if the row makes one) is assigned to.
      return t.login(await f.engineer());
    case 'disabled':
      return t.disabledSession();
    case 'anonymous':
      return null;
  }
}

describeEachDb('authorization matrix', (get) => {
  it('has a row for every registered API route and no row for a route that does not exist', () => {
    const registered = get()
      .built.apiRoutes.map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(Object.keys(expectations).sort()).toEqual(registered);
    expect(Object.keys(requests).sort()).toEqual(registered);
  });

  for (const [route, expected] of Object.entries(expectations)) {
    for (const actor of actors) {
      it(`${route} as ${actor} → ${expected[actor]}`, async () => {
        const t = get();
        const [method] = route.split(' ') as [string];
        const owner = await t.sessionFor('sales');
        const fixtures = new Fixtures(t, owner);
        const builder = requests[route];
        if (!builder) throw new Error(`no request for ${route}`);
        const { url, body } = await builder(fixtures, t);
        const session = await sessionOf(t, actor, owner, fixtures);
        const isDeniedWrite = method !== 'GET' && expected[actor] >= 400;
        const before = isDeniedWrite ? await t.snapshot() : '';
        const res = await t.request(method, url, { as: session, body });
        expect(res.status, res.text).toBe(expected[actor]);
        // A denied request changes nothing.
        if (isDeniedWrite) expect(await t.snapshot()).toEqual(before);
        if (res.status === 401 || res.status === 403 || res.status === 404) {
          expect(res.body.error.code).toMatch(/^(unauthenticated|forbidden|not_found)$/);
        }
        // Nothing of the owner's customer beyond name and owner reaches anyone but owner and admin.
        // The assigned engineer reads the request itself (its description holds the canary) at the desk.
        const seesRequest = actor === 'assignedStaff' && route.includes('/api/service-desk');
        if (!['owner', 'admin', 'activeDelegate'].includes(actor) && !seesRequest) expect(res.text).not.toContain(CANARY);
      });
    }
  }
});
