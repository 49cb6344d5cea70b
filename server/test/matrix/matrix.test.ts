import { expect, it } from 'vitest';
import { describeEachDb, type Session, type TestApp } from '../harness.js';
import { actors, expectations, type ActorKind } from './expectations.js';
import { requests } from './requests.js';

async function sessionOf(t: TestApp, actor: ActorKind): Promise<Session | null> {
  switch (actor) {
    case 'admin':
      return t.sessionFor('admin');
    case 'sales':
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
        const session = await sessionOf(t, actor);
        const target = await t.createUser('staff');
        const builder = requests[route];
        if (!builder) throw new Error(`no request for ${route}`);
        const { url, body } = await builder({ target }, t);
        const isDeniedWrite = method !== 'GET' && expected[actor] >= 400;
        const before = isDeniedWrite ? await t.snapshot() : '';
        const res = await t.request(method, url, { as: session, body });
        expect(res.status, res.text).toBe(expected[actor]);
        // A denied request changes nothing.
        if (isDeniedWrite) expect(await t.snapshot()).toEqual(before);
        if (res.status === 403 || res.status === 401) expect(res.body.error.code).toMatch(/forbidden|unauthenticated/);
      });
    }
  }
});
