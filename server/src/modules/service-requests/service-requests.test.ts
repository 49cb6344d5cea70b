import { expect, it } from 'vitest';
import { createContact, createCustomer, createServiceRequest } from '../../../test/factories.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';
import { canMove } from './service.js';

async function world(t: TestApp) {
  const owner = await t.sessionFor('sales');
  const engineer = await t.sessionFor('staff');
  const customer = (await createCustomer(t, owner, { notes: 'SECRET-NOTES', phone: '0755-999' })).id;
  const contact = (await createContact(t, owner, customer, { name: '报修人', mobile: '13900000000' })).id;
  return { owner, engineer, customer, contact };
}

const create = (t: TestApp, as: Session, customer: string, body: Record<string, unknown>) => t.post(`/api/customers/${customer}/service-requests`, body, as);

describeEachDb('service requests', (get) => {
  it('records a request from report to close, each step in the customer log', async () => {
    const t = get();
    const { owner, engineer, customer, contact } = await world(t);
    const res = await create(t, owner, customer, { title: '打印机无法连接', description: '客户来电', priority: 'high', channel: 'phone', contactId: contact, assigneeId: engineer.user.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'new', priority: 'high', assigneeName: engineer.user.displayName, contactName: '报修人', reportedOn: '2026-11-27' });
    const id = res.body.id;
    let version = 1;
    for (const status of ['in_progress', 'resolved', 'closed', 'reopened', 'in_progress']) {
      const step = await t.patch(`/api/customers/${customer}/service-requests/${id}`, { version, status, ...(status === 'resolved' ? { resolution: '更换网线', timeSpentMinutes: 45 } : {}) }, owner);
      expect(step.status, status).toBe(200);
      version = step.body.version;
    }
    const log = (await t.get(`/api/customers/${customer}/activities?kind=log`, owner)).body.items.filter((e: { entity: string }) => e.entity === 'service_request');
    expect(log).toHaveLength(6);
  });

  it('refuses illegal status moves', async () => {
    expect(canMove('new', 'resolved')).toBe(false);
    expect(canMove('closed', 'in_progress')).toBe(false);
    expect(canMove('resolved', 'reopened')).toBe(true);
    const t = get();
    const { owner, customer } = await world(t);
    const sr = await createServiceRequest(t, owner, customer);
    const before = await t.snapshot();
    const res = await t.patch(`/api/customers/${customer}/service-requests/${sr.id}`, { version: 1, status: 'closed' }, owner);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_transition');
    expect(await t.snapshot()).toEqual(before);
    expect((await create(t, owner, customer, { title: 'x', status: 'resolved' })).status).toBe(422);
  });

  it('lets the assigned staff member work on the request at the desk, seeing only name and contacts', async () => {
    const t = get();
    const { owner, engineer, customer } = await world(t);
    const sr = await createServiceRequest(t, owner, customer, { assigneeId: engineer.user.id });
    const desk = await t.get('/api/service-desk?mine=true', engineer);
    expect(desk.body.items.map((i: { id: string }) => i.id)).toEqual([sr.id]);
    const item = await t.get(`/api/service-desk/${sr.id}`, engineer);
    expect(item.status).toBe(200);
    expect(item.body.customer).toEqual({ id: customer, name: expect.any(String) });
    expect(item.body.contacts[0]).toMatchObject({ name: '报修人', mobile: '13900000000' });
    expect(item.text).not.toContain('SECRET-NOTES');
    expect(item.text).not.toContain('0755-999');
    expect((await t.get(`/api/customers/${customer}`, engineer)).status).toBe(404);
    expect((await t.get(`/api/customers/${customer}/service-requests`, engineer)).status).toBe(404);
    const moved = await t.patch(`/api/service-desk/${sr.id}`, { version: 1, status: 'in_progress' }, engineer);
    expect(moved.status).toBe(200);
    // Unassigned: nothing any more.
    await t.patch(`/api/customers/${customer}/service-requests/${sr.id}`, { version: 2, assigneeId: null }, owner);
    expect((await t.get(`/api/service-desk/${sr.id}`, engineer)).status).toBe(404);
    expect((await t.get('/api/service-desk', engineer)).body.items).toEqual([]);
  });

  it('filters the desk by status, priority, assignee and lack of progress', async () => {
    const t = get();
    const { owner, engineer, customer } = await world(t);
    await createServiceRequest(t, owner, customer, { title: '旧问题', priority: 'urgent', assigneeId: engineer.user.id });
    t.clock.advance(3 * 86_400_000);
    const fresh = await t.login(owner.user);
    await createServiceRequest(t, fresh, customer, { title: '新问题', priority: 'low' });
    const all = (await t.get('/api/service-desk', fresh)).body.items.map((i: { title: string }) => i.title);
    expect(all.sort()).toEqual(['新问题', '旧问题']);
    expect((await t.get('/api/service-desk?priority=urgent', fresh)).body.items.map((i: { title: string }) => i.title)).toEqual(['旧问题']);
    expect((await t.get('/api/service-desk?overdueDays=2', fresh)).body.items.map((i: { title: string }) => i.title)).toEqual(['旧问题']);
    expect((await t.get(`/api/service-desk?assigneeId=${engineer.user.id}`, fresh)).body.total).toBe(1);
    t.clock.set('2026-11-27T02:00:00Z');
  });

  it('refuses a purchase, contact or assignee that does not fit', async () => {
    const t = get();
    const { owner, customer } = await world(t);
    const other = await world(t);
    const gone = await t.disabledSession();
    expect((await create(t, owner, customer, { title: 'x', contactId: other.contact })).status).toBe(422);
    expect((await create(t, owner, customer, { title: 'x', assigneeId: gone.user.id })).status).toBe(422);
    expect((await create(t, owner, customer, { title: 'x', purchaseId: '99999' })).status).toBe(422);
  });
});
