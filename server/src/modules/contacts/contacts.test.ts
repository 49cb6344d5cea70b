import { expect, it } from 'vitest';
import { inconsistencies } from '../../../test/consistency.js';
import { createContact, createCustomer } from '../../../test/factories.js';
import { describeEachDb } from '../../../test/harness.js';

describeEachDb('contacts', (get) => {
  it('adds, edits and deletes contacts with one primary, logging old → new', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const { id } = await createCustomer(t, s);
    const a = await t.post(`/api/customers/${id}/contacts`, { name: '王经理', title: '采购经理', mobile: '138-0013-8000', isPrimary: true }, s);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ name: '王经理', isPrimary: true, version: 1, customerId: id });
    const b = await t.post(`/api/customers/${id}/contacts`, { name: '李工', email: 'li@example.com', wechat: 'ligong', qq: '10001', isPrimary: true }, s);
    expect(b.body.isPrimary).toBe(true);
    const list = await t.get(`/api/customers/${id}/contacts`, s);
    expect(list.body.items.map((c: { name: string; isPrimary: boolean }) => [c.name, c.isPrimary])).toEqual([
      ['李工', true],
      ['王经理', false],
    ]);
    const stale = await t.patch(`/api/customers/${id}/contacts/${a.body.id}`, { version: 1, title: '总监' }, s);
    expect(stale.status).toBe(409);
    const fresh = (await t.get(`/api/customers/${id}/contacts/${a.body.id}`, s)).body;
    const edited = await t.patch(`/api/customers/${id}/contacts/${a.body.id}`, { version: fresh.version, title: '总监' }, s);
    expect(edited.body.title).toBe('总监');
    expect((await t.delete(`/api/customers/${id}/contacts/${b.body.id}`, s)).status).toBe(204);
    expect((await t.get(`/api/customers/${id}/contacts/${b.body.id}`, s)).status).toBe(404);
    const log = (await t.get(`/api/customers/${id}/activities?kind=log`, s)).body.items;
    expect(log.map((e: { entity: string; action: string }) => `${e.entity}.${e.action}`)).toEqual([
      'contact.deleted',
      'contact.updated',
      'contact.created',
      'contact.created',
      'customer.created',
    ]);
    expect(log[1].changes).toEqual([{ field: 'title', old: '采购经理', new: '总监' }]);
    expect(log[0].changes).toEqual(expect.arrayContaining([{ field: 'name', old: '李工', new: null }]));
  });

  it('makes contact names and phones searchable from the customer list', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const { id } = await createCustomer(t, s, { keyword: '搜索联系' });
    await createContact(t, s, id, { name: '欧阳修', mobile: '139 1234 5678' });
    for (const q of ['欧阳修', '欧阳', '13912345678', '1234']) {
      const res = await t.get(`/api/customers?q=${encodeURIComponent(q)}`, s);
      expect(res.body.items.map((c: { id: string }) => c.id), q).toEqual([id]);
    }
    const contact = (await t.get(`/api/customers/${id}/contacts`, s)).body.items[0];
    await t.delete(`/api/customers/${id}/contacts/${contact.id}`, s);
    expect((await t.get(`/api/customers?q=${encodeURIComponent('欧阳修')}`, s)).body.items).toEqual([]);
  });

  it('never reaches a contact through another customer path', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const mine = (await createCustomer(t, s)).id;
    const other = (await createCustomer(t, s)).id;
    const c = await createContact(t, s, mine, { name: '张联系' });
    expect((await t.get(`/api/customers/${other}/contacts/${c.id}`, s)).status).toBe(404);
    expect((await t.patch(`/api/customers/${other}/contacts/${c.id}`, { version: 1, name: 'x' }, s)).status).toBe(404);
    expect((await t.delete(`/api/customers/${other}/contacts/${c.id}`, s)).status).toBe(404);
    expect((await t.get(`/api/customers/${mine}/contacts/${c.id}`, s)).body.name).toBe('张联系');
  });

  it('hides the contacts of a customer in the recycle bin', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const { id } = await createCustomer(t, s);
    await createContact(t, s, id);
    await t.delete(`/api/customers/${id}`, s);
    expect((await t.get(`/api/customers/${id}/contacts`, s)).status).toBe(404);
    expect((await t.post(`/api/customers/${id}/contacts`, { name: 'x' }, s)).status).toBe(404);
  });

  it('loses neither an edit of the customer nor a new contact from the search when both happen at once', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const { id } = await createCustomer(t, s);
    for (let round = 1; round <= 25; round++) {
      const version = (await t.get(`/api/customers/${id}`, s)).body.version;
      // Two transactions at the same time (on PostgreSQL, on two connections of the pool).
      const [edit, contact] = await Promise.all([
        t.patch(`/api/customers/${id}`, { version, name: `并发索引第${round}版有限公司`, phone: `0571-8800${String(round).padStart(4, '0')}` }, s),
        t.post(`/api/customers/${id}/contacts`, { name: `联系人丙${round}`, mobile: `1390000${String(round).padStart(4, '0')}` }, s),
      ]);
      expect(edit.status, edit.text).toBe(200);
      expect(contact.status, contact.text).toBe(201);
    }
    expect(await inconsistencies(t.db)).toEqual([]);
    const found = async (q: string) => (await t.get(`/api/customers?q=${encodeURIComponent(q)}`, s)).body.items.map((c: { id: string }) => c.id);
    expect(await found('第25版')).toEqual([id]);
    expect(await found('联系人丙25')).toEqual([id]);
    expect(await found('13900000025')).toEqual([id]);
  });
});
