import { expect, it } from 'vitest';
import { inconsistencies } from '../../../test/consistency.js';
import {
  createAnnualFeePayment,
  createContact,
  createCustomer,
  createDelegation,
  createFollowUp,
  createPayment,
  createProduct,
  createPurchase,
  createQuote,
  createServiceRequest,
} from '../../../test/factories.js';
import { describeEachDb, type Session, type TestApp } from '../../../test/harness.js';

interface LogItem {
  kind: 'log';
  id: string;
  entity: string;
  entityId: string;
  action: string;
  changes: { field: string; old: unknown; new: unknown }[];
}

const merge = (t: TestApp, targetId: string, body: unknown, as?: Session | null) =>
  as === undefined ? t.asAdmin('POST', `/api/customers/${targetId}/merge`, body) : t.post(`/api/customers/${targetId}/merge`, body, as);

async function logOf(t: TestApp, customerId: string): Promise<LogItem[]> {
  const res = await t.asAdmin('GET', `/api/customers/${customerId}/activities?kind=log&pageSize=100`);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

async function itemsOf(t: TestApp, url: string) {
  const res = await t.asAdmin('GET', url);
  expect(res.status, `${url}: ${res.text}`).toBe(200);
  return res.body.items as Record<string, any>[];
}

describeEachDb('merging duplicate customers', (get) => {
  it('moves every record of the source to the target, fills the empty fields, and logs both sides', async () => {
    const t = get();
    const zhang = await t.sessionFor('sales');
    const li = await t.sessionFor('sales');
    const wang = await t.sessionFor('sales');
    const product = await createProduct(t, { price: '1000.00', annualFee: '100.00' });
    const target = await createCustomer(t, zhang, { keyword: '合并目标', industry: '制造业' });
    const source = await createCustomer(t, li, {
      keyword: '合并来源', industry: '软件', address: '深圳南山', phone: '0755-26001234', website: 'https://source.example', notes: '老客户',
    });
    const targetPrimary = await createContact(t, zhang, target.id, { name: '张经理', isPrimary: true });
    const sourcePrimary = await createContact(t, li, source.id, { name: '李工', mobile: '13912345678', isPrimary: true });
    await createContact(t, li, source.id, { name: '王助理' });
    await createFollowUp(t, zhang, target.id, { occurredOn: '2026-11-01', content: '首次拜访', nextFollowUpOn: '2026-11-10' });
    await createFollowUp(t, li, source.id, { occurredOn: '2026-11-26', content: '来源跟进', nextFollowUpOn: '2026-12-05' });
    const quote = await createQuote(t, li, source.id, { status: 'accepted', lines: [{ productId: product.id, quantity: 2 }] });
    const purchase = await createPurchase(t, li, source.id, { productId: product.id, purchasedOn: '2025-06-01', annualFeeDueOn: '2026-11-20' });
    const payment = await createPayment(t, li, purchase, { amount: '300.00' });
    const fee = await createAnnualFeePayment(t, li, purchase, { paidOn: '2026-11-21' });
    expect((await t.post(`/api/customers/${source.id}/purchases/${purchase.id}/reminders`, { note: '已催缴' }, li)).status).toBe(201);
    const request = await createServiceRequest(t, li, source.id, { title: '打印机故障', contactId: sourcePrimary.id, purchaseId: purchase.id });
    const [grant] = await createDelegation(t, li, [source.id], wang.user.id);
    const sourceLogBefore = await t.db.selectFrom('audit_log').selectAll().where('customer_id', '=', Number(source.id)).orderBy('id').execute();

    const preview = await t.asAdmin('GET', `/api/customers/${target.id}/merge-preview?sourceId=${source.id}`);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.target.id).toBe(target.id);
    expect(preview.body.source.id).toBe(source.id);
    expect(preview.body.fills).toEqual([
      { field: 'address', value: '深圳南山' },
      { field: 'phone', value: '0755-26001234' },
      { field: 'website', value: 'https://source.example' },
      { field: 'notes', value: '老客户' },
    ]);
    expect(preview.body.moves).toEqual({ contacts: 2, followUps: 1, quotes: 1, purchases: 1, serviceRequests: 1, activeDelegations: 1 });

    t.clock.advance(60_000);
    const res = await merge(t, target.id, { sourceId: source.id, version: target.version });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      id: target.id, name: target.name, ownerId: zhang.user.id, industry: '制造业', address: '深圳南山', phone: '0755-26001234',
      website: 'https://source.example', notes: '老客户', version: target.version + 1, updatedAt: t.clock.now().toISOString(),
    });
    expect((await t.asAdmin('GET', `/api/customers/${target.id}`)).body).toEqual(res.body);

    // The records are the target's now.
    const contacts = await itemsOf(t, `/api/customers/${target.id}/contacts`);
    expect(contacts.map((c) => c.name).sort()).toEqual(['张经理', '李工', '王助理'].sort());
    expect(contacts.filter((c) => c.isPrimary).map((c) => c.id)).toEqual([targetPrimary.id]);
    const followUps = await itemsOf(t, `/api/customers/${target.id}/activities?kind=followup`);
    expect(followUps.map((f) => f.content)).toEqual(['来源跟进', '首次拜访']);
    const quotes = await itemsOf(t, `/api/customers/${target.id}/quotes`);
    expect(quotes.map((q) => q.id)).toEqual([quote.id]);
    expect((await t.asAdmin('GET', `/api/customers/${target.id}/quotes/${quote.id}`)).body.lines).toHaveLength(1);
    expect((await itemsOf(t, `/api/customers/${target.id}/purchases`)).map((p) => p.id)).toEqual([purchase.id]);
    expect((await itemsOf(t, `/api/customers/${target.id}/purchases/${purchase.id}/payments`)).map((p) => p.id)).toEqual([payment.id]);
    expect((await itemsOf(t, `/api/customers/${target.id}/purchases/${purchase.id}/annual-fee-payments`)).map((p) => p.id)).toEqual([fee.id]);
    const requests = await itemsOf(t, `/api/customers/${target.id}/service-requests`);
    expect(requests.map((r) => r.id)).toEqual([request.id]);
    for (const table of ['contacts', 'followups', 'quotes', 'purchases', 'payments', 'annual_fee_payments', 'fee_reminders', 'service_requests'] as const) {
      const left = await t.db.selectFrom(table).select('id').where('customer_id', '=', Number(source.id)).execute();
      expect(left, table).toEqual([]);
    }
    // The due list follows the target's latest follow-up; the source left it.
    const due = await itemsOf(t, '/api/followups/due?withinDays=30');
    expect(due.filter((d) => [target.id, source.id].includes(d.customerId))).toEqual([expect.objectContaining({ customerId: target.id, nextFollowUpOn: '2026-12-05' })]);

    // The source is in the recycle bin for good; its grant ended; its delegate lost it.
    expect((await t.asAdmin('GET', `/api/customers/${source.id}`)).status).toBe(404);
    const bin = await itemsOf(t, '/api/customers/recycle-bin');
    expect(bin.map((c) => c.id)).toContain(source.id);
    const restore = await t.request('POST', `/api/customers/${source.id}/restore`, { as: t.admin, lang: 'en-US' });
    expect(restore.status).toBe(422);
    expect(restore.body.error.code).toBe('merged');
    expect(restore.body.error.message).toMatch(/merged into another/);
    const grants = await itemsOf(t, '/api/delegations');
    expect(grants.find((g) => g.id === grant!.id)).toMatchObject({ state: 'transferred' });
    expect((await t.get(`/api/customers/${target.id}`, wang)).status).toBe(404);

    // Arrears moved with the purchase, to the target's owner.
    const arrears = (await t.asAdmin('GET', '/api/reports/arrears')).body;
    expect(arrears.items.map((r: { customerId: string }) => r.customerId)).not.toContain(source.id);
    expect(arrears.items.find((r: { customerId: string }) => r.customerId === target.id)).toMatchObject({ ownerName: zhang.user.displayName, owedAmount: '700.00' });
    const zhangArrears = (await t.get('/api/reports/arrears', zhang)).body;
    expect(zhangArrears.items.map((r: { customerId: string }) => r.customerId)).toEqual([target.id]);
    expect((await t.get('/api/reports/arrears', li)).body.items).toEqual([]);

    // The target is found by the source's contacts; the source is no longer found by them.
    const found = await itemsOf(t, '/api/customers?q=13912345678');
    expect(found.map((c) => c.id)).toEqual([target.id]);
    expect((await t.get('/api/customers?q=13912345678', zhang)).body.items.map((c: { id: string }) => c.id)).toEqual([target.id]);

    // The source's log is untouched, and it says where the customer went.
    const sourceLogAfter = await t.db.selectFrom('audit_log').selectAll().where('customer_id', '=', Number(source.id)).orderBy('id').execute();
    expect(sourceLogAfter.slice(0, sourceLogBefore.length)).toEqual(sourceLogBefore);
    const mergedInto = sourceLogAfter.find((r) => r.action === 'merged_into');
    expect(mergedInto).toMatchObject({ entity: 'customer', entity_id: source.id });
    expect(JSON.parse(mergedInto!.changes)).toEqual([
      { field: 'mergedInto', old: null, new: target.name },
      { field: 'mergedIntoId', old: null, new: target.id },
    ]);
    // The target's timeline: its own entry naming the source with the fills, and the source's log through the link.
    const log = await logOf(t, target.id);
    const merged = log.find((e) => e.action === 'merged')!;
    expect(merged).toMatchObject({ entity: 'customer', entityId: target.id });
    expect(merged.changes).toEqual([
      { field: 'mergedFrom', old: null, new: source.name },
      { field: 'mergedFromId', old: null, new: source.id },
      { field: 'address', old: '', new: '深圳南山' },
      { field: 'phone', old: '', new: '0755-26001234' },
      { field: 'website', old: '', new: 'https://source.example' },
      { field: 'notes', old: '', new: '老客户' },
    ]);
    const logIds = new Set(log.map((e) => e.id));
    for (const row of sourceLogAfter) expect(logIds.has(String(row.id)), `${row.entity} ${row.action}`).toBe(true);
    expect(log.find((e) => e.entity === 'customer' && e.action === 'created' && e.entityId === source.id)).toBeTruthy();
    expect(log.find((e) => e.entity === 'contact' && e.entityId === sourcePrimary.id && e.action === 'created')).toBeTruthy();
    expect((await t.asAdmin('GET', `/api/customers/${target.id}/activities?kind=log&pageSize=5`)).body.total).toBe(log.length);
    // The owner of the target reads the same timeline.
    expect((await t.get(`/api/customers/${target.id}/activities?kind=log&pageSize=100`, zhang)).body.items.map((e: LogItem) => e.id)).toEqual(log.map((e) => e.id));

    expect(await inconsistencies(t.db)).toEqual([]);
  });

  it('reads the log through a chain of merges, and refuses to restore any merged customer', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const a = await createCustomer(t, s, { keyword: '链式甲' });
    const b = await createCustomer(t, s, { keyword: '链式乙' });
    const c = await createCustomer(t, s, { keyword: '链式丙' });
    await createContact(t, s, a.id, { name: '甲联系人', phone: '020-88886666' });
    expect((await merge(t, b.id, { sourceId: a.id, version: b.version })).status).toBe(200);
    const res = await merge(t, c.id, { sourceId: b.id, version: c.version });
    expect(res.status, res.text).toBe(200);
    const log = await logOf(t, c.id);
    for (const id of [a.id, b.id, c.id]) expect(log.find((e) => e.entity === 'customer' && e.action === 'created' && e.entityId === id), id).toBeTruthy();
    expect(log.filter((e) => e.action === 'merged').map((e) => e.entityId).sort()).toEqual([b.id, c.id].sort());
    expect((await itemsOf(t, '/api/customers?q=020-88886666')).map((x) => x.id)).toEqual([c.id]);
    for (const id of [a.id, b.id]) expect((await t.asAdmin('POST', `/api/customers/${id}/restore`)).status).toBe(422);
    expect(await inconsistencies(t.db)).toEqual([]);
  });

  it('refuses a merge into itself, of a deleted or missing customer, with a stale version, and to anyone but the admin — changing nothing', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const target = await createCustomer(t, s);
    const source = await createCustomer(t, s);
    const deleted = await createCustomer(t, s);
    expect((await t.delete(`/api/customers/${deleted.id}`, s)).status).toBe(204);
    const before = await t.snapshot();

    const itself = await t.request('POST', `/api/customers/${target.id}/merge`, { as: t.admin, lang: 'en-US', body: { sourceId: target.id, version: target.version } });
    expect(itself.status).toBe(422);
    expect(itself.body.error.code).toBe('validation_failed');
    expect(itself.body.error.details.fields.sourceId).toMatch(/into itself/);
    const zh = await merge(t, target.id, { sourceId: deleted.id, version: target.version });
    expect(zh.status).toBe(422);
    expect(zh.body.error.details.fields.sourceId).toMatch(/回收站/);
    expect((await t.asAdmin('GET', `/api/customers/${target.id}/merge-preview?sourceId=${deleted.id}`)).status).toBe(422);
    expect((await t.asAdmin('GET', `/api/customers/${target.id}/merge-preview?sourceId=${target.id}`)).status).toBe(422);

    expect((await merge(t, target.id, { sourceId: '999999', version: target.version })).status).toBe(404);
    expect((await merge(t, '999999', { sourceId: source.id, version: 1 })).status).toBe(404);
    expect((await merge(t, deleted.id, { sourceId: source.id, version: deleted.version + 1 })).status).toBe(404);
    expect((await t.asAdmin('GET', `/api/customers/999999/merge-preview?sourceId=${source.id}`)).status).toBe(404);
    expect((await t.asAdmin('GET', `/api/customers/${target.id}/merge-preview?sourceId=999999`)).status).toBe(404);

    const stale = await merge(t, target.id, { sourceId: source.id, version: target.version + 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_version', details: { currentVersion: target.version } });

    expect((await merge(t, target.id, { sourceId: source.id, version: target.version }, s)).status).toBe(403);
    expect((await t.get(`/api/customers/${target.id}/merge-preview?sourceId=${source.id}`, s)).status).toBe(403);
    expect((await merge(t, target.id, { sourceId: source.id, version: target.version }, null)).status).toBe(401);
    expect(await t.snapshot()).toEqual(before);
  });

  it('lets one of two simultaneous merges of a pair win, either way round, and keeps everything consistent', async () => {
    const t = get();
    const s = await t.sessionFor('sales');
    const other = await t.sessionFor('sales');
    const product = await createProduct(t, { price: '50.00' });
    const pair = async (round: number) => {
      const a = await createCustomer(t, s, { keyword: `并发甲${round}号`, phone: `010-1000${round}` });
      const b = await createCustomer(t, other, { keyword: `并发乙${round}号`, address: `地址${round}` });
      for (const c of [a, b]) {
        const owner = c === a ? s : other;
        await createContact(t, owner, c.id, { name: `联系人${c.id}`, mobile: `1380000${c.id.padStart(4, '0')}`, isPrimary: true });
        await createFollowUp(t, owner, c.id, { content: `跟进${c.id}` });
        await createPurchase(t, owner, c.id, { productId: product.id });
      }
      return [a, b] as const;
    };
    for (let round = 0; round < 3; round++) {
      const [a, b] = await pair(round);
      const crossed = await Promise.all([
        merge(t, b.id, { sourceId: a.id, version: b.version }),
        merge(t, a.id, { sourceId: b.id, version: a.version }),
      ]);
      expect(crossed.map((r) => r.status).sort(), crossed.map((r) => r.text).join('\n')).toEqual([200, 409]);
      const winner = crossed.find((r) => r.status === 200)!.body;
      const loser = winner.id === a.id ? b : a;
      expect((await itemsOf(t, `/api/customers/${winner.id}/contacts`)).filter((c) => c.isPrimary)).toHaveLength(1);
      expect(await itemsOf(t, `/api/customers/${winner.id}/purchases`)).toHaveLength(2);
      expect((await t.asAdmin('GET', `/api/customers/${loser.id}`)).status).toBe(404);

      const [c, d] = await pair(round + 10);
      const twice = await Promise.all([
        merge(t, d.id, { sourceId: c.id, version: d.version }),
        merge(t, d.id, { sourceId: c.id, version: d.version }),
      ]);
      expect(twice.map((r) => r.status).sort(), twice.map((r) => r.text).join('\n')).toEqual([200, 409]);
      expect(await itemsOf(t, `/api/customers/${d.id}/activities?kind=followup`)).toHaveLength(2);
      expect((await logOf(t, d.id)).filter((e) => e.action === 'merged')).toHaveLength(1);
    }
    expect(await inconsistencies(t.db)).toEqual([]);
  });
});
