import { TEST_PASSWORD, type TestApp } from '../harness.js';
import { CANARY, Fixtures } from './fixtures.js';

// How to call each route for the matrix: a valid request, so that the status reflects the
// caller's rights and nothing else. The records it needs come from fixtures.ts.

export { CANARY, Fixtures };

export interface MatrixRequest {
  url: string;
  body?: unknown;
}

type Builder = (f: Fixtures, t: TestApp) => MatrixRequest | Promise<MatrixRequest>;

export const requests: Record<string, Builder> = {
  'GET /api/openapi.json': () => ({ url: '/api/openapi.json' }),
  'GET /api/setup': () => ({ url: '/api/setup' }),
  'POST /api/setup': (_f, t) => ({ url: '/api/setup', body: { username: t.unique('late'), displayName: 'Late', password: TEST_PASSWORD } }),
  'POST /api/auth/login': async (f) => {
    const u = await f.target();
    return { url: '/api/auth/login', body: { username: u.username, password: u.password } };
  },
  'POST /api/auth/logout': () => ({ url: '/api/auth/logout' }),
  'GET /api/auth/me': () => ({ url: '/api/auth/me' }),
  'POST /api/auth/password': () => ({ url: '/api/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: 'matrix-new-pass' } }),

  'GET /api/auth/tokens': () => ({ url: '/api/auth/tokens' }),
  'POST /api/auth/tokens': () => ({ url: '/api/auth/tokens', body: { name: '集成' } }),
  'DELETE /api/auth/tokens/:id': async (f, t) => ({ url: `/api/auth/tokens/${(await t.post('/api/auth/tokens', { name: CANARY }, f.owner)).body.id}` }),
  'GET /api/users': () => ({ url: '/api/users' }),
  'POST /api/users': (_f, t) => ({ url: '/api/users', body: { username: t.unique('m'), displayName: 'Matrix', role: 'staff', password: TEST_PASSWORD } }),
  'GET /api/users/:id': async (f) => ({ url: `/api/users/${(await f.target()).id}` }),
  'PATCH /api/users/:id': async (f) => ({ url: `/api/users/${(await f.target()).id}`, body: { version: 1, department: 'matrix' } }),
  'POST /api/users/:id/password': async (f) => ({ url: `/api/users/${(await f.target()).id}/password`, body: { password: 'matrix-reset-1' } }),
  'POST /api/users/:id/transfer-customers': async (f) => {
    await f.customer();
    return { url: `/api/users/${f.owner.user.id}/transfer-customers`, body: { toUserId: (await f.receiver()).id } };
  },
  'GET /api/audit': () => ({ url: '/api/audit' }),

  'GET /api/customer-statuses': () => ({ url: '/api/customer-statuses' }),
  'POST /api/customer-statuses': (_f, t) => ({ url: '/api/customer-statuses', body: { name: t.unique('新状态') } }),
  'PATCH /api/customer-statuses/:id': async (f, t) => ({ url: `/api/customer-statuses/${await f.unusedStatus()}`, body: { name: t.unique('改名') } }),
  'DELETE /api/customer-statuses/:id': async (f) => ({ url: `/api/customer-statuses/${await f.unusedStatus()}` }),
  'GET /api/generic-keywords': () => ({ url: '/api/generic-keywords' }),
  'POST /api/generic-keywords': (_f, t) => ({ url: '/api/generic-keywords', body: { word: t.unique('通用') } }),
  'DELETE /api/generic-keywords/:word': async (f) => ({ url: `/api/generic-keywords/${encodeURIComponent(await f.genericWord())}` }),

  'GET /api/customers': async (f) => {
    await f.customer();
    return { url: '/api/customers' };
  },
  'POST /api/customers': async (f, t) => {
    const keyword = t.unique('新客户');
    return { url: '/api/customers', body: { name: `${keyword}公司`, keyword, statusId: await f.statusId() } };
  },
  'GET /api/customers/duplicates': async (f) => ({ url: `/api/customers/duplicates?keyword=${encodeURIComponent((await f.customer()).keyword)}` }),
  'GET /api/customers/recycle-bin': async (f) => {
    await f.deletedCustomer();
    return { url: '/api/customers/recycle-bin' };
  },
  'GET /api/customers/duplicate-groups': async (f) => {
    await f.customer();
    return { url: '/api/customers/duplicate-groups' };
  },
  'GET /api/customers/:id/merge-preview': async (f) => ({ url: `/api/customers/${(await f.customer()).id}/merge-preview?sourceId=${await f.mergeSource()}` }),
  'POST /api/customers/:id/merge': async (f) => {
    const c = await f.customer();
    return { url: `/api/customers/${c.id}/merge`, body: { sourceId: await f.mergeSource(), version: c.version } };
  },
  'GET /api/customers/:id': async (f) => ({ url: `/api/customers/${(await f.customer()).id}` }),
  'PATCH /api/customers/:id': async (f) => {
    const c = await f.customer();
    return { url: `/api/customers/${c.id}`, body: { version: c.version, industry: 'matrix' } };
  },
  'DELETE /api/customers/:id': async (f) => ({ url: `/api/customers/${(await f.customer()).id}` }),
  'POST /api/customers/:id/restore': async (f) => ({ url: `/api/customers/${await f.deletedCustomer()}/restore` }),

  'GET /api/customers/:id/contacts': async (f) => ({ url: `/api/customers/${(await f.contact()).customerId}/contacts` }),
  'POST /api/customers/:id/contacts': async (f) => ({ url: `/api/customers/${(await f.customer()).id}/contacts`, body: { name: '新联系人' } }),
  'GET /api/customers/:id/contacts/:childId': async (f) => {
    const c = await f.contact();
    return { url: `/api/customers/${c.customerId}/contacts/${c.id}` };
  },
  'PATCH /api/customers/:id/contacts/:childId': async (f) => {
    const c = await f.contact();
    return { url: `/api/customers/${c.customerId}/contacts/${c.id}`, body: { version: 1, title: '经理' } };
  },
  'DELETE /api/customers/:id/contacts/:childId': async (f) => {
    const c = await f.contact();
    return { url: `/api/customers/${c.customerId}/contacts/${c.id}` };
  },
  'GET /api/customers/:id/activities': async (f) => ({ url: `/api/customers/${(await f.followUp()).customerId}/activities` }),
  'POST /api/customers/:id/activities': async (f) => ({
    url: `/api/customers/${(await f.customer()).id}/activities`,
    body: { occurredOn: '2026-11-26', method: 'phone', content: '电话回访' },
  }),
  'GET /api/customers/:id/activities/:childId': async (f) => {
    const a = await f.followUp();
    return { url: `/api/customers/${a.customerId}/activities/${a.id}` };
  },
  'PATCH /api/customers/:id/activities/:childId': async (f) => {
    const a = await f.followUp();
    return { url: `/api/customers/${a.customerId}/activities/${a.id}`, body: { version: 1, content: '改过' } };
  },
  'DELETE /api/customers/:id/activities/:childId': async (f) => {
    const a = await f.followUp();
    return { url: `/api/customers/${a.customerId}/activities/${a.id}` };
  },
  'GET /api/customers/export': async (f) => {
    await f.contact();
    return { url: '/api/customers/export?format=csv' };
  },
  'POST /api/delegations': async (f) => ({
    url: '/api/delegations',
    body: { customerIds: [(await f.customer()).id], toUserId: (await f.receiver()).id, endsOn: '2026-12-31' },
  }),
  'GET /api/delegations': async (f) => {
    await f.grant();
    return { url: '/api/delegations?direction=received' };
  },
  'POST /api/delegations/:id/revoke': async (f) => ({ url: `/api/delegations/${await f.grant()}/revoke` }),
  'POST /api/delegations/revoke-all': async (f) => {
    await f.grant();
    return { url: '/api/delegations/revoke-all', body: { toUserId: (await f.receiver()).id } };
  },
  'GET /api/customers/:id/delegations': async (f) => {
    await f.grant();
    return { url: `/api/customers/${(await f.customer()).id}/delegations` };
  },
  'GET /api/suppliers': () => ({ url: '/api/suppliers' }),
  'POST /api/suppliers': (_f, t) => ({ url: '/api/suppliers', body: { name: t.unique('新供应商') } }),
  'GET /api/suppliers/:id': async (f) => ({ url: `/api/suppliers/${await f.supplier()}` }),
  'PATCH /api/suppliers/:id': async (f) => ({ url: `/api/suppliers/${await f.supplier()}`, body: { version: 1, phone: '010-1' } }),
  'DELETE /api/suppliers/:id': async (f) => ({ url: `/api/suppliers/${await f.supplier()}` }),
  'GET /api/products': () => ({ url: '/api/products' }),
  'POST /api/products': (_f, t) => ({ url: '/api/products', body: { code: t.unique('N'), name: '新商品', price: '1.00' } }),
  'GET /api/products/:id': async (f) => ({ url: `/api/products/${await f.product()}` }),
  'PATCH /api/products/:id': async (f) => ({ url: `/api/products/${await f.product()}`, body: { version: 1, price: '120.00' } }),
  'DELETE /api/products/:id': async (f) => ({ url: `/api/products/${await f.product()}` }),

  'GET /api/customers/:id/quotes': async (f) => ({ url: `/api/customers/${(await f.quote()).customerId}/quotes` }),
  'POST /api/customers/:id/quotes': async (f) => ({
    url: `/api/customers/${(await f.customer()).id}/quotes`,
    body: { quotedOn: '2026-11-21', lines: [{ productId: await f.product(), quantity: 1.5 }] },
  }),
  'GET /api/customers/:id/quotes/:qid': async (f) => {
    const q = await f.quote();
    return { url: `/api/customers/${q.customerId}/quotes/${q.id}` };
  },
  'PATCH /api/customers/:id/quotes/:qid': async (f) => {
    const q = await f.quote();
    return { url: `/api/customers/${q.customerId}/quotes/${q.id}`, body: { version: 1, notes: '已确认' } };
  },
  'DELETE /api/customers/:id/quotes/:qid': async (f) => {
    const q = await f.quote();
    return { url: `/api/customers/${q.customerId}/quotes/${q.id}` };
  },
  'POST /api/customers/:id/quotes/:qid/purchase': async (f) => {
    const q = await f.quote();
    return { url: `/api/customers/${q.customerId}/quotes/${q.id}/purchase`, body: { purchasedOn: '2026-11-25' } };
  },
  'GET /api/customers/:id/purchases': async (f) => ({ url: `/api/customers/${(await f.purchase()).customerId}/purchases` }),
  'POST /api/customers/:id/purchases': async (f) => ({
    url: `/api/customers/${(await f.customer()).id}/purchases`,
    body: { productId: await f.product(), quantity: 1, purchasedOn: '2026-11-02' },
  }),
  'GET /api/customers/:id/purchases/:pid': async (f) => {
    const p = await f.purchase();
    return { url: `/api/customers/${p.customerId}/purchases/${p.id}` };
  },
  'PATCH /api/customers/:id/purchases/:pid': async (f) => {
    const p = await f.purchase();
    return { url: `/api/customers/${p.customerId}/purchases/${p.id}`, body: { version: 1, notes: '已安装' } };
  },
  'DELETE /api/customers/:id/purchases/:pid': async (f) => {
    const p = await f.purchase();
    return { url: `/api/customers/${p.customerId}/purchases/${p.id}` };
  },
  'GET /api/customers/:id/purchases/:pid/payments': async (f) => ({ url: `${(await f.payment()).base}/payments` }),
  'POST /api/customers/:id/purchases/:pid/payments': async (f) => {
    const p = await f.purchase();
    return { url: `/api/customers/${p.customerId}/purchases/${p.id}/payments`, body: { amount: '10.00', paidOn: '2026-11-21' } };
  },
  'GET /api/customers/:id/purchases/:pid/payments/:childId': async (f) => {
    const p = await f.payment();
    return { url: `${p.base}/payments/${p.id}` };
  },
  'PATCH /api/customers/:id/purchases/:pid/payments/:childId': async (f) => {
    const p = await f.payment();
    return { url: `${p.base}/payments/${p.id}`, body: { version: 1, amount: '60.00' } };
  },
  'DELETE /api/customers/:id/purchases/:pid/payments/:childId': async (f) => {
    const p = await f.payment();
    return { url: `${p.base}/payments/${p.id}` };
  },
  'GET /api/customers/:id/purchases/:pid/annual-fee-payments': async (f) => ({ url: `${(await f.feePayment()).base}/annual-fee-payments` }),
  'POST /api/customers/:id/purchases/:pid/annual-fee-payments': async (f) => {
    const p = await f.purchase();
    return { url: `/api/customers/${p.customerId}/purchases/${p.id}/annual-fee-payments`, body: { paidOn: '2026-11-21' } };
  },
  'GET /api/customers/:id/purchases/:pid/annual-fee-payments/:childId': async (f) => {
    const p = await f.feePayment();
    return { url: `${p.base}/annual-fee-payments/${p.id}` };
  },
  'PATCH /api/customers/:id/purchases/:pid/annual-fee-payments/:childId': async (f) => {
    const p = await f.feePayment();
    return { url: `${p.base}/annual-fee-payments/${p.id}`, body: { version: 1, notes: '已开票' } };
  },
  'DELETE /api/customers/:id/purchases/:pid/annual-fee-payments/:childId': async (f) => {
    const p = await f.feePayment();
    return { url: `${p.base}/annual-fee-payments/${p.id}` };
  },
  'POST /api/customers/:id/purchases/:pid/reminders': async (f) => {
    const p = await f.purchase();
    return { url: `/api/customers/${p.customerId}/purchases/${p.id}/reminders`, body: { note: '已催缴' } };
  },
  'GET /api/customers/:id/service-requests': async (f) => ({ url: `/api/customers/${(await f.serviceRequest()).customerId}/service-requests` }),
  'POST /api/customers/:id/service-requests': async (f) => ({ url: `/api/customers/${(await f.customer()).id}/service-requests`, body: { title: '新报修', priority: 'high' } }),
  'GET /api/customers/:id/service-requests/:srid': async (f) => {
    const r = await f.serviceRequest();
    return { url: `/api/customers/${r.customerId}/service-requests/${r.id}` };
  },
  'PATCH /api/customers/:id/service-requests/:srid': async (f) => {
    const r = await f.serviceRequest();
    return { url: `/api/customers/${r.customerId}/service-requests/${r.id}`, body: { version: 1, status: 'in_progress' } };
  },
  'DELETE /api/customers/:id/service-requests/:srid': async (f) => {
    const r = await f.serviceRequest();
    return { url: `/api/customers/${r.customerId}/service-requests/${r.id}` };
  },
  'GET /api/service-desk': async (f) => {
    await f.serviceRequest();
    return { url: '/api/service-desk' };
  },
  'GET /api/service-desk/:srid': async (f) => ({ url: `/api/service-desk/${(await f.serviceRequest()).id}` }),
  'PATCH /api/service-desk/:srid': async (f) => ({ url: `/api/service-desk/${(await f.serviceRequest()).id}`, body: { version: 1, status: 'in_progress' } }),
  'GET /api/reports/annual-fees': async (f) => {
    await f.purchase();
    return { url: '/api/reports/annual-fees?withinDays=366' };
  },
  'GET /api/reports/arrears': async (f) => {
    await f.purchase();
    return { url: '/api/reports/arrears' };
  },
  'GET /api/reports/charts': async (f) => {
    await f.purchase();
    return { url: '/api/reports/charts' };
  },
  'GET /api/dashboard': async (f) => {
    await f.followUp();
    return { url: '/api/dashboard' };
  },
  'GET /api/followups/due': async (f) => {
    await f.followUp();
    return { url: '/api/followups/due' };
  },

  'POST /api/imports': (_f, t) => ({ url: '/api/imports', body: { fileName: 'm.csv', csv: `客户名称,关键字\n${t.unique('导入客户')},${t.unique('导入')}\n` } }),
  'GET /api/imports': async (f, t) => {
    await importOf(f, t, 'uploaded');
    return { url: '/api/imports' };
  },
  'GET /api/imports/:id': async (f, t) => ({ url: `/api/imports/${await importOf(f, t, 'uploaded')}` }),
  'POST /api/imports/:id/validate': async (f, t) => ({
    url: `/api/imports/${await importOf(f, t, 'uploaded')}/validate`,
    body: { mapping: ['name', 'keyword', 'notes'], defaults: { statusId: await f.statusId(), ownerId: f.owner.user.id } },
  }),
  'GET /api/imports/:id/rows': async (f, t) => ({ url: `/api/imports/${await importOf(f, t, 'validated')}/rows` }),
  'GET /api/imports/:id/report': async (f, t) => ({ url: `/api/imports/${await importOf(f, t, 'validated')}/report?format=csv` }),
  'POST /api/imports/:id/commit': async (f, t) => ({ url: `/api/imports/${await importOf(f, t, 'validated')}/commit`, body: { duplicateAction: 'skip' } }),
  'POST /api/imports/:id/undo': async (f, t) => ({ url: `/api/imports/${await importOf(f, t, 'done')}/undo` }),
};

/** An import of the owner's (with the canary in its notes column), taken to the given stage. */
async function importOf(f: Fixtures, t: TestApp, stage: 'uploaded' | 'validated' | 'done'): Promise<string> {
  const keyword = t.unique('导入');
  const csv = `客户名称,关键字,备注\n${keyword}贸易公司,${keyword},${CANARY}\n`;
  const up = await t.post('/api/imports', { fileName: 'm.csv', csv }, f.owner);
  if (up.status !== 201) throw new Error(`import fixture: ${up.status} ${up.text}`);
  const id = up.body.id as string;
  if (stage === 'uploaded') return id;
  const v = await t.post(`/api/imports/${id}/validate`, { mapping: ['name', 'keyword', 'notes'], defaults: { statusId: await f.statusId() } }, f.owner);
  if (v.status !== 200) throw new Error(`import fixture: ${v.status} ${v.text}`);
  if (stage === 'validated') return id;
  await t.post(`/api/imports/${id}/commit`, { duplicateAction: 'skip' }, f.owner);
  for (let i = 0; i < 500; i++) {
    if ((await t.get(`/api/imports/${id}`, f.owner)).body.status === 'done') return id;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('import fixture: the commit did not finish');
}
