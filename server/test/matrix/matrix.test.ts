import { expect, it } from 'vitest';
import { describeEachDb, type Session, type TestApp } from '../harness.js';
import { actors, expectations, type ActorKind } from './expectations.js';
import { CANARY, Fixtures, requests } from './requests.js';

async function sessionOf(t: TestApp, actor: ActorKind, owner: Session): Promise<Session | null> {
  switch (actor) {
    case 'admin':
      return t.sessionFor('admin');
    case 'owner':
      return owner;
    case 'other':
      return t.sessionFor('sales');
    case 'staff':
      return t.sessionFor('staff');
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
        const session = await sessionOf(t, actor, owner);
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
        if (actor !== 'owner' && actor !== 'admin') expect(res.text).not.toContain(CANARY);
      });
    }
  }
});
