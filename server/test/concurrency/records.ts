import { expect, it } from 'vitest';
import { range, statuses, succeeded, type Call, type Cluster } from './cluster.js';

// A customer's own records written at the same moment: contacts (and with them the search
// index), follow-ups (the next follow-up date), service requests, and the customer's status
// (the counters).

const CASE_MS = 90_000;

export function recordCases(get: () => Cluster) {
  it('takes six contacts added to one customer at once, and indexes them all', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const customer = await c.customer(owner);
    const answers = await c.race(
      range(6).map((i) => ({
        as: c.on(owner, i), method: 'POST' as const, path: `/api/customers/${customer.id}/contacts`,
        body: { name: `联系人${'甲乙丙丁戊己'[i]}`, mobile: `1390000000${i}`, isPrimary: i % 2 === 0 },
      })),
    );
    expect.soft(statuses(answers)).toEqual(range(6).map(() => 201));
    const list = await c.must(owner, 'GET', `/api/customers/${customer.id}/contacts?pageSize=50`, undefined, 200);
    expect.soft(list.total).toBe(succeeded(answers).length);
    await c.expectConsistent(before);
  }, CASE_MS);

  it('keeps the search index right when contacts and their customer are edited at once', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const customer = await c.customer(owner, { phone: '010-1000' });
    const path = `/api/customers/${customer.id}/contacts`;
    const contacts = [];
    for (const i of range(4)) contacts.push(await c.must(owner, 'POST', path, { name: `旧联系人${i}`, mobile: `1370000000${i}` }, 201));
    const answers = await c.race([
      ...contacts.slice(0, 3).map((k, i) => ({
        as: c.on(owner, i), method: 'PATCH' as const, path: `${path}/${k.id}`, body: { version: k.version, name: `新联系人${i}`, mobile: `1360000000${i}` },
      })),
      { as: c.on(owner, 1), method: 'DELETE', path: `${path}/${contacts[3].id}` },
      { as: c.on(owner, 0), method: 'POST', path, body: { name: '又一位联系人', phone: '021-555' } },
      { as: c.on(owner, 1), method: 'PATCH', path: `/api/customers/${customer.id}`, body: { version: customer.version, name: `${c.unique('改名')}有限公司`, phone: '010-2000' } },
    ]);
    expect.soft(statuses(answers)).toEqual([200, 200, 200, 200, 201, 204]);
    await c.expectConsistent(before);
  }, CASE_MS);

  it('keeps the next follow-up date what the latest follow-up gives when follow-ups are written at once', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    // Three customers at once, for more chances of the race.
    const paths: string[] = [];
    for (const _ of range(3)) paths.push(`/api/customers/${(await c.customer(owner)).id}/activities`);
    // Later follow-ups sent first, so that the order of arrival is not the order of dates.
    const added = await c.race(
      paths.flatMap((path) =>
        range(8).map((i) => ({
          as: c.on(owner, i), method: 'POST' as const, path,
          body: { occurredOn: `2026-11-${String(20 - i).padStart(2, '0')}`, method: 'phone', content: `第${i}次`, nextFollowUpOn: `2026-12-${String(20 - i).padStart(2, '0')}` },
        })),
      ),
    );
    expect.soft(statuses(added)).toEqual(range(24).map(() => 201));
    await c.expectConsistent(before);
    // Then the latest ones edited, deleted and overtaken at once.
    const changes: Call[] = paths.flatMap((path) => {
      const items = succeeded(added).filter((a) => a.call.path === path).map((a) => a.body as { id: string; version: number; occurredOn: string });
      const latest = items.sort((a, b) => b.occurredOn.localeCompare(a.occurredOn));
      return [
        { as: c.on(owner, 0), method: 'DELETE', path: `${path}/${latest[0]!.id}` },
        { as: c.on(owner, 1), method: 'PATCH', path: `${path}/${latest[1]!.id}`, body: { version: latest[1]!.version, nextFollowUpOn: null } },
        { as: c.on(owner, 0), method: 'PATCH', path: `${path}/${latest[2]!.id}`, body: { version: latest[2]!.version, occurredOn: '2026-11-25' } },
        { as: c.on(owner, 1), method: 'POST', path, body: { occurredOn: '2026-11-24', content: '上门', nextFollowUpOn: '2027-01-05' } },
        { as: c.on(owner, 0), method: 'POST', path, body: { occurredOn: '2026-11-25', content: '电话' } },
      ];
    });
    expect.soft(statuses(await c.race(changes))).toEqual([200, 200, 200, 200, 200, 200, 201, 201, 201, 201, 201, 201, 204, 204, 204]);
    await c.expectConsistent(before);
  }, CASE_MS);

  it('takes service requests created at once, moves them to closed at once, and one edit of one request', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const engineer = await c.user('staff');
    const customer = await c.customer(owner);
    const path = `/api/customers/${customer.id}/service-requests`;
    const created = await c.race(
      range(6).map((i) => ({ as: c.on(owner, i), method: 'POST' as const, path, body: { title: `报修${i}`, priority: 'high', assigneeId: engineer.id } })),
    );
    expect.soft(statuses(created)).toEqual(range(6).map(() => 201));
    let requests = succeeded(created).map((a) => a.body as { id: string; version: number });
    // Each step at once for all of them: by the owner through the customer, by the engineer on the desk.
    for (const [step, status] of ['in_progress', 'resolved', 'closed'].entries()) {
      const moved = await c.race(
        requests.map((r, i) =>
          (i + step) % 2 === 0
            ? { as: c.on(owner, i), method: 'PATCH' as const, path: `${path}/${r.id}`, body: { version: r.version, status } }
            : { as: c.on(engineer.client, i), method: 'PATCH' as const, path: `/api/service-desk/${r.id}`, body: { version: r.version, status, timeSpentMinutes: 10 * step } },
        ),
      );
      expect.soft(statuses(moved), `to ${status}`).toEqual(requests.map(() => 200));
      requests = moved.filter((a) => a.status === 200).map((a) => (a.body.request ?? a.body) as { id: string; version: number });
    }
    const one = requests[0]!;
    const reopened = await c.race(
      range(6).map((i) => ({ as: c.on(owner, i), method: 'PATCH' as const, path: `${path}/${one.id}`, body: { version: one.version, status: 'reopened', resolution: `重开${i}` } })),
    );
    expect.soft(statuses(reopened)).toEqual([200, 409, 409, 409, 409, 409]);
    await c.expectConsistent(before);
  }, CASE_MS);

  it('keeps the counters right when customers change status at once', async () => {
    const c = get();
    const before = await c.problems();
    expect(c.statusIds.length).toBeGreaterThanOrEqual(3);
    const { client: owner } = await c.user();
    const customers = [];
    for (const i of range(8)) customers.push(await c.customer(owner, { statusId: c.statusIds[i % 2] }));
    const contested = await c.customer(owner);
    const answers = await c.race([
      ...customers.map((k, i) => ({ as: c.on(owner, i), method: 'PATCH' as const, path: `/api/customers/${k.id}`, body: { version: k.version, statusId: c.statusIds[2] } })),
      ...range(6).map((i) => ({
        as: c.on(owner, i), method: 'PATCH' as const, path: `/api/customers/${contested.id}`, body: { version: contested.version, statusId: c.statusIds[1 + (i % 2)] },
      })),
    ]);
    expect.soft(statuses(answers.slice(0, 8))).toEqual(range(8).map(() => 200));
    expect.soft(statuses(answers.slice(8))).toEqual([200, 409, 409, 409, 409, 409]);
    await c.expectConsistent(before);
  }, CASE_MS);
}
