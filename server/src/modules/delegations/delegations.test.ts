import { expect, it } from 'vitest';
import { createCustomer, createDelegation } from '../../../test/factories.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';

/** A customer under the third status, whose count a delegate's status list shows. */
async function customerOf(t: TestApp, as: Session, keyword: string) {
  const statusId = (await t.get('/api/customer-statuses', as)).body[2].id;
  return (await createCustomer(t, as, { name: `${keyword}股份公司`, keyword, statusId })).id;
}

describeEachDb('delegation', (get) => {
  it('lets the owner grant customers to a colleague, who then sees and works on them everywhere', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '授权甲');
    const b = await customerOf(t, zhang, '授权乙');
    await customerOf(t, zhang, '不授权丙');
    const res = await t.post('/api/delegations', { customerIds: [a, b], toUserId: li.user.id, endsOn: '2026-12-31' }, zhang);
    expect(res.status).toBe(201);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0]).toMatchObject({ state: 'active', toUserName: li.user.displayName, fromUserName: zhang.user.displayName, endsOn: '2026-12-31' });

    const list = (await t.get('/api/customers?sort=name&order=asc', li)).body;
    expect(list.items.map((c: { id: string }) => c.id).sort()).toEqual([a, b].sort());
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({ isDelegatedToMe: true, ownerName: zhang.user.displayName });
    expect((await t.get(`/api/customers?q=${encodeURIComponent('授权甲')}`, li)).body.items).toHaveLength(1);
    const counts = (await t.get('/api/customer-statuses', li)).body;
    expect(counts[2].customerCount).toBe(2);
    const ownerView = (await t.get(`/api/customers/${a}`, zhang)).body;
    expect(ownerView.delegates).toEqual([{ delegationId: res.body.items[0].id, userId: li.user.id, displayName: li.user.displayName, endsOn: '2026-12-31' }]);
    expect(ownerView.isDelegatedToMe).toBe(false);

    // The delegate works on it: contacts, follow-ups, edits; the work stays theirs.
    expect((await t.post(`/api/customers/${a}/contacts`, { name: '代管联系人' }, li)).status).toBe(201);
    const f = await t.post(`/api/customers/${a}/activities`, { occurredOn: '2026-11-27', content: '李四代为回访' }, li);
    expect(f.body.actorName).toBe(li.user.displayName);
    const c = (await t.get(`/api/customers/${a}`, li)).body;
    expect((await t.patch(`/api/customers/${a}`, { version: c.version, notes: '代管中' }, li)).status).toBe(200);
    const csv = await t.get('/api/customers/export?format=csv', li);
    expect(csv.text).toContain('授权甲股份公司');
    expect(csv.text).not.toContain('不授权丙');
  });

  it('refuses the delegate to delete, change the owner or grant further', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const wang = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '限制授权');
    await createDelegation(t, zhang, [a], li.user.id);
    const before = await t.snapshot();
    expect((await t.delete(`/api/customers/${a}`, li)).status).toBe(403);
    const c = (await t.get(`/api/customers/${a}`, li)).body;
    expect((await t.patch(`/api/customers/${a}`, { version: c.version, ownerId: li.user.id }, li)).status).toBe(403);
    expect((await t.post('/api/delegations', { customerIds: [a], toUserId: wang.user.id }, li)).status).toBe(403);
    const grant = (await t.get(`/api/customers/${a}/delegations`, li)).body.items[0];
    expect((await t.post(`/api/delegations/${grant.id}/revoke`, undefined, li)).status).toBe(403);
    expect(await t.snapshot()).toEqual(before);
  });

  it('refuses grants to oneself, to non-salespeople, to disabled users and of customers one does not own', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const staff = await t.sessionFor('staff');
    const gone = await t.disabledSession();
    const other = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '拒绝授权');
    const theirs = await customerOf(t, other, '别人授权');
    for (const toUserId of [zhang.user.id, staff.user.id, gone.user.id, t.admin.user.id]) {
      const res = await t.post('/api/delegations', { customerIds: [a], toUserId }, zhang);
      expect(res.status, toUserId).toBe(422);
      expect(res.body.error.details.fields.toUserId).toBeTruthy();
    }
    expect((await t.post('/api/delegations', { customerIds: [theirs], toUserId: other.user.id }, zhang)).status).toBe(404);
    expect((await t.post('/api/delegations', { customerIds: [a], toUserId: other.user.id, endsOn: '2026-11-26' }, zhang)).status).toBe(422);
    expect((await t.post('/api/delegations', { toUserId: other.user.id }, zhang)).status).toBe(422);
  });

  it('revokes one grant or all grants to a person, effective on the next request, logged on the customer', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '收回甲');
    const b = await customerOf(t, zhang, '收回乙');
    const granted = await createDelegation(t, zhang, [a, b], li.user.id);
    const one = await t.post(`/api/delegations/${granted[0]!.id}/revoke`, undefined, zhang);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ state: 'revoked', endedByName: zhang.user.displayName });
    expect((await t.get(`/api/customers/${a}`, li)).status).toBe(404);
    expect((await t.get(`/api/customers/${b}`, li)).status).toBe(200);
    expect((await t.post(`/api/delegations/${granted[0]!.id}/revoke`, undefined, zhang)).status).toBe(422);
    expect((await t.post('/api/delegations/revoke-all', { toUserId: li.user.id }, zhang)).body).toEqual({ revoked: 1 });
    expect((await t.get('/api/customers', li)).body.items).toEqual([]);
    const log = (await t.get(`/api/customers/${a}/activities?kind=log`, zhang)).body.items;
    expect(log.slice(0, 2).map((e: { entity: string; action: string }) => `${e.entity}.${e.action}`)).toEqual(['delegation.revoked', 'delegation.granted']);
    // A received grant no longer active shows only the customer's name.
    const received = (await t.get('/api/delegations?direction=received', li)).body.items;
    expect(received).toHaveLength(2);
    for (const d of received) {
      expect(d.customerId).toBeNull();
      expect(d.state).toBe('revoked');
    }
    const given = (await t.get('/api/delegations?direction=given', zhang)).body.items;
    expect(given.every((d: { customerId: string | null }) => d.customerId !== null)).toBe(true);
  });

  it('lets a grant lapse after its end date in the business time zone, with no timer', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '到期授权');
    await createDelegation(t, zhang, [a], li.user.id, { endsOn: '2026-11-27' });
    t.clock.set('2026-11-27T15:59:00Z'); // 23:59 in Shanghai: the last minute of the grant
    const liLate = await t.login(li.user);
    expect((await t.get(`/api/customers/${a}`, liLate)).status).toBe(200);
    t.clock.set('2026-11-27T16:00:00Z'); // midnight in Shanghai
    expect((await t.get(`/api/customers/${a}`, liLate)).status).toBe(404);
    expect((await t.get('/api/customers', liLate)).body.total).toBe(0);
    const zhangLate = await t.login(zhang.user);
    const tab = (await t.get(`/api/customers/${a}/delegations`, zhangLate)).body.items;
    expect(tab[0].state).toBe('lapsed');
    t.clock.set('2026-11-27T02:00:00Z');
  });

  it('ends grants when the customer is transferred and when the delegate is disabled', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const wang = await t.sessionFor('sales');
    const a = await customerOf(t, zhang, '移交授权');
    const b = await customerOf(t, zhang, '停用授权');
    await createDelegation(t, zhang, [a], li.user.id);
    await createDelegation(t, zhang, [b], wang.user.id);
    await t.asAdmin('POST', `/api/users/${zhang.user.id}/transfer-customers`, { toUserId: wang.user.id, customerIds: [a] });
    expect((await t.get(`/api/customers/${a}`, li)).status).toBe(404);
    const states = (await t.asAdmin('GET', `/api/customers/${a}/delegations`)).body.items.map((d: { state: string }) => d.state);
    expect(states).toEqual(['transferred']);
    const wangRow = (await t.asAdmin('GET', `/api/users/${wang.user.id}`)).body;
    await t.asAdmin('PATCH', `/api/users/${wang.user.id}`, { version: wangRow.version, active: false });
    const bTab = (await t.get(`/api/customers/${b}/delegations`, zhang)).body.items;
    expect(bTab[0].state).toBe('user_disabled');
  });

  it('lets the admin grant all of an owner\'s customers on their behalf', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    await customerOf(t, zhang, '全部甲');
    await customerOf(t, zhang, '全部乙');
    const res = await t.asAdmin('POST', '/api/delegations', { all: true, ownerId: zhang.user.id, toUserId: li.user.id });
    expect(res.status).toBe(201);
    expect(res.body.items).toHaveLength(2);
    expect((await t.get('/api/customers', li)).body.total).toBe(2);
    expect((await t.post('/api/delegations', { all: true, ownerId: zhang.user.id, toUserId: li.user.id }, li)).status).toBe(403);
  });
});
