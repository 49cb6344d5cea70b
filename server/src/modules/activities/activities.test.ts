import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { down as downToAllLive, up as upToOnlyDated } from '../../db/migrations/2026_11_27_1600_follow_up_indexes_only_dated.js';
import { createCustomer, createFollowUp } from '../../../test/factories.js';
import { describeEachDb } from '../../../test/harness.js';

describeEachDb('follow-ups and the operation log', (get) => {
  it('records follow-ups and shows them with the log in one timeline, filterable', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const { id } = await createCustomer(t, s);
    t.clock.advance(1000);
    const f = await t.post(`/api/customers/${id}/activities`, { kind: 'followup', occurredOn: '2026-11-27', method: 'visit', content: '上门拜访，演示产品', nextFollowUpOn: '2026-12-01' }, s);
    expect(f.status).toBe(201);
    expect(f.body).toMatchObject({ kind: 'followup', method: 'visit', actorName: s.user.displayName, nextFollowUpOn: '2026-12-01' });
    t.clock.advance(1000);
    await createFollowUp(t, s, id, { occurredOn: '2026-10-01', method: 'phone', content: '首次电话' });
    const all = (await t.get(`/api/customers/${id}/activities`, s)).body;
    // Newest first: the log of the backdated follow-up, today's follow-up (logged at the same
    // instant, log first), the customer's creation, then the follow-up dated 1 October.
    expect(all.items.map((a: { kind: string }) => a.kind)).toEqual(['log', 'log', 'followup', 'log', 'followup']);
    expect(all.items[4].content).toBe('首次电话');
    expect(all.total).toBe(5);
    const onlyFollowups = (await t.get(`/api/customers/${id}/activities?kind=followup`, s)).body.items;
    expect(onlyFollowups.map((a: { content: string }) => a.content)).toEqual(['上门拜访，演示产品', '首次电话']);
    const onlyLog = (await t.get(`/api/customers/${id}/activities?kind=log`, s)).body.items;
    expect(onlyLog.every((a: { kind: string }) => a.kind === 'log')).toBe(true);
  });

  it('pages the timeline by page and by cursor alike', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const { id } = await createCustomer(t, s);
    for (let i = 1; i <= 4; i++) {
      await createFollowUp(t, s, id, { occurredOn: `2026-09-0${i}`, content: `第${i}次` });
      await t.patch(`/api/customers/${id}`, { version: i, notes: `备注${i}` }, s);
    }
    const byPage: string[] = [];
    for (let p = 1; p <= 7; p++) {
      byPage.push(...(await t.get(`/api/customers/${id}/activities?pageSize=2&page=${p}`, s)).body.items.map((a: { kind: string; id: string }) => `${a.kind}${a.id}`));
    }
    const byCursor: string[] = [];
    let url = `/api/customers/${id}/activities?pageSize=2`;
    for (;;) {
      const res = (await t.get(url, s)).body;
      byCursor.push(...res.items.map((a: { kind: string; id: string }) => `${a.kind}${a.id}`));
      if (!res.nextCursor) break;
      url = `/api/customers/${id}/activities?pageSize=2&cursor=${res.nextCursor}`;
    }
    expect(byCursor).toEqual(byPage);
    // 1 creation + 4 follow-ups + 4 edits in the log, and the 4 follow-ups.
    expect(new Set(byCursor).size).toBe(13);
    expect(byCursor).toHaveLength(13);
  });

  it('edits and deletes follow-ups with optimistic locking and logs the changes', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const { id } = await createCustomer(t, s);
    const f = await createFollowUp(t, s, id, { occurredOn: '2026-11-26', content: '电话', method: 'phone' });
    const edited = await t.patch(`/api/customers/${id}/activities/${f.id}`, { version: 1, content: '电话沟通报价', nextFollowUpOn: '2026-11-30' }, s);
    expect(edited.status).toBe(200);
    expect((await t.patch(`/api/customers/${id}/activities/${f.id}`, { version: 1, content: 'x' }, s)).status).toBe(409);
    const bad = await t.patch(`/api/customers/${id}/activities/${f.id}`, { version: 2, nextFollowUpOn: '2026-01-01' }, s);
    expect(bad.status).toBe(422);
    const future = await t.post(`/api/customers/${id}/activities`, { occurredOn: '2027-01-01', content: '未来' }, s);
    expect(future.status).toBe(422);
    const logBefore = (await t.get(`/api/customers/${id}/activities?kind=log`, s)).body.items[0];
    expect(logBefore.changes).toEqual(
      expect.arrayContaining([
        { field: 'content', old: '电话', new: '电话沟通报价' },
        { field: 'nextFollowUpOn', old: null, new: '2026-11-30' },
      ]),
    );
    expect((await t.delete(`/api/customers/${id}/activities/${f.id}`, s)).status).toBe(204);
    const log = (await t.get(`/api/customers/${id}/activities?kind=log`, s)).body.items[0];
    expect(log).toMatchObject({ entity: 'followup', action: 'deleted' });
  });

  it('lists customers to follow up today or overdue, from the latest follow-up', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const other = await t.sessionFor('sales');
    const due = (await createCustomer(t, s, { keyword: '到期跟进' })).id;
    const later = (await createCustomer(t, s)).id;
    const superseded = (await createCustomer(t, s)).id;
    await createFollowUp(t, s, due, { occurredOn: '2026-11-01', content: '报价', nextFollowUpOn: '2026-11-20' });
    await createFollowUp(t, s, later, { occurredOn: '2026-11-01', content: '寄样', nextFollowUpOn: '2026-12-20' });
    await createFollowUp(t, s, superseded, { occurredOn: '2026-11-01', content: '初次', nextFollowUpOn: '2026-11-10' });
    await createFollowUp(t, s, superseded, { occurredOn: '2026-11-25', content: '再次' });
    const list = (await t.get('/api/followups/due', s)).body;
    expect(list.items).toEqual([
      { customerId: due, customerName: '到期跟进有限公司', ownerName: s.user.displayName, nextFollowUpOn: '2026-11-20', overdueDays: 7, daysUntil: -7, lastContent: '报价' },
    ]);
    const month = (await t.get('/api/followups/due?withinDays=30', s)).body;
    expect(month.items.map((i: { customerId: string }) => i.customerId)).toEqual([due, later]);
    expect((await t.get('/api/followups/due', other)).body.items).toEqual([]);
  });

  it('keeps only customers with a follow-up date in the follow-up indexes, and lists the same due customers through the downgrade and back', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const due = (await createCustomer(t, s)).id;
    await createCustomer(t, s);
    await createFollowUp(t, s, due, { occurredOn: '2026-11-01', content: '报价', nextFollowUpOn: '2026-11-20' });
    const definitions = async () => {
      const { rows } =
        t.kind === 'postgres'
          ? await sql<{ def: string }>`select indexdef as def from pg_indexes where indexname in ('customers_next_follow_up', 'customers_owner_next_follow_up')`.execute(t.db)
          : await sql<{ def: string }>`select sql as def from sqlite_master where name in ('customers_next_follow_up', 'customers_owner_next_follow_up')`.execute(t.db);
      return rows.map((r) => r.def.toLowerCase().replace(/[()"]/g, ''));
    };
    const dueList = async () => (await t.get('/api/followups/due', s)).body.items.map((i: { customerId: string }) => i.customerId);
    expect(await definitions()).toHaveLength(2);
    for (const def of await definitions()) expect(def).toContain('next_follow_up_on is not null');
    expect(await dueList()).toEqual([due]);
    await downToAllLive(t.db);
    for (const def of await definitions()) expect(def).not.toContain('next_follow_up_on is not null');
    expect(await dueList()).toEqual([due]);
    await upToOnlyDated(t.db);
    for (const def of await definitions()) expect(def).toContain('next_follow_up_on is not null');
    expect(await dueList()).toEqual([due]);
  });

  it('keeps log and follow-ups of one customer away from another salesperson', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const other = await t.sessionFor('sales');
    const { id } = await createCustomer(t, s);
    const f = await createFollowUp(t, s, id, { occurredOn: '2026-11-27', content: 'SECRET-FOLLOWUP' });
    expect((await t.get(`/api/customers/${id}/activities`, other)).status).toBe(404);
    expect((await t.get(`/api/customers/${id}/activities/${f.id}`, other)).status).toBe(404);
    expect((await t.post(`/api/customers/${id}/activities`, { occurredOn: '2026-11-27', content: 'x' }, other)).status).toBe(404);
    const mine = (await createCustomer(t, other)).id;
    expect((await t.get(`/api/customers/${mine}/activities/${f.id}`, other)).status).toBe(404);
  });
});
