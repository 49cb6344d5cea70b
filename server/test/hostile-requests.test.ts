import { expect, it } from 'vitest';
import { z } from 'zod';
import * as activities from '../../common/schemas/activities.js';
import * as audit from '../../common/schemas/audit.js';
import * as auth from '../../common/schemas/auth.js';
import * as common from '../../common/schemas/common.js';
import * as contacts from '../../common/schemas/contacts.js';
import * as customers from '../../common/schemas/customers.js';
import * as delegations from '../../common/schemas/delegations.js';
import * as duplicates from '../../common/schemas/duplicates.js';
import * as imports from '../../common/schemas/imports.js';
import * as products from '../../common/schemas/products.js';
import * as purchases from '../../common/schemas/purchases.js';
import * as quotes from '../../common/schemas/quotes.js';
import * as reports from '../../common/schemas/reports.js';
import * as serviceRequests from '../../common/schemas/service-requests.js';
import * as suppliers from '../../common/schemas/suppliers.js';
import * as users from '../../common/schemas/users.js';
import { MAX_JSON_DEPTH } from '../src/plugins/json-body.js';
import { createCustomer } from './factories.js';
import { describeEachDb, type Session } from './harness.js';
import { expectations } from './matrix/expectations.js';
import { Fixtures, requests } from './matrix/requests.js';

// Requests an attacker forges: authentication comes before any parsing or validation, a body
// nested without end or with bytes that are not UTF-8 is refused whole, and a forged id, page
// or cursor is a 422 on every route — never a 5xx, never a change to the data.

const protectedRoutes = Object.keys(expectations).filter((route) => expectations[route]!.anonymous === 401);
const json = { 'content-type': 'application/json' };
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const base64url = (text: string | Buffer) => Buffer.from(text).toString('base64url');

/** Ids no database row can have: wrong syntax, not a positive integer, or past 2^53 − 1. */
const forgedIds = ['1e400', '99999999999999999999', '9223372036854775808', '9007199254740992', '-1', '0', '1.5', '1e3', '0x10', 'abc', '+1', '01', '１'];
/** A cursor element (raw JSON) that no list ever hands out, whatever its position. */
const forgedElements = ['1e400', '99999999999999999999', '9223372036854775808', '9007199254740992', '-1', '0', '1.5', 'null', 'true', '{}', '[]', '"a\\u0000b"', '"\\ud800"'];
/** Cursors that are not a list's cursor at all. */
const forgedCursors = [
  'not*base64!',
  base64url('not json'),
  base64url('{"id":1}'),
  base64url('"2026-11-27"'),
  base64url('12345678901234567890'),
  base64url('[]'),
  base64url(Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x2c, 0x31, 0x5d])),
  base64url('['.repeat(200) + ']'.repeat(200)),
];

describeEachDb('hostile requests', (get) => {
  const expectUnauthenticated = (res: { status: number; body: any; text: string }, lang: 'zh-CN' | 'en-US', what: string) => {
    expect(res.status, `${what}: ${res.text}`).toBe(401);
    expect(res.body, what).toEqual({ error: { code: 'unauthenticated', message: lang === 'en-US' ? 'Please log in first' : '请先登录' } });
  };

  it('answers every route that needs a session with a bare 401 before reading its params, query or body', async () => {
    const t = get();
    const disabled = await t.disabledSession();
    expect(protectedRoutes.length).toBeGreaterThan(80);
    const bodies = ['{"bogus":1,"version":"x","name":""}', '{"name": ', deepArray(10_000), '\u0000'];
    for (const [i, route] of protectedRoutes.entries()) {
      const [method, pattern] = route.split(' ') as [string, string];
      const url = `${pattern.replace(/:\w+/g, 'not-an-id')}?page=-1&pageSize=x&bogus=%00`;
      const lang = i % 2 ? 'en-US' : 'zh-CN';
      for (const as of [null, disabled]) {
        if (method === 'GET') {
          expectUnauthenticated(await t.request(method, url, { as, lang }), lang, route);
          continue;
        }
        for (const raw of bodies) {
          expectUnauthenticated(await t.request(method, url, { as, lang, raw, headers: json }), lang, `${route} ${raw.slice(0, 20)}`);
        }
      }
    }
  });

  it('refuses JSON nested deeper than the limit with 400, anonymously and logged in, and keeps the data', async () => {
    const t = get();
    for (const depth of [MAX_JSON_DEPTH + 1, 10_000, 100_000]) {
      for (const raw of [deepArray(depth), deepObject(depth), `{"username":"admin","password":${deepArray(depth)}}`]) {
        const what = `depth ${depth}: ${raw.slice(0, 12)}`;
        const before = await t.snapshot();
        const login = await t.request('POST', '/api/auth/login', { raw, headers: json, lang: 'en-US' });
        expect(login.status, what).toBe(400);
        expect(login.body.error.code).toBe('malformed_request');
        expect(login.body.error.details.fields['']).toMatch(/nested more than \d+ levels deep/);
        const create = await t.request('POST', '/api/customers', { as: t.admin, raw, headers: json });
        expect(create.status, what).toBe(400);
        expect(create.body.error.details.fields['']).toMatch(/嵌套超过 \d+ 层/);
        expectUnauthenticated(await t.request('POST', '/api/customers', { raw, headers: json }), 'zh-CN', what);
        expect(await t.snapshot(), what).toEqual(before);
      }
    }
    // Brackets inside strings are text, and a body at the limit reaches validation.
    const statusId = (await t.get('/api/customer-statuses', t.admin)).body[0].id;
    const notes = `${'['.repeat(1000)}${'{'.repeat(1000)}"\\`;
    const bracketed = await t.post('/api/customers', { name: '[括号]公司', keyword: '括号测试', statusId, notes }, t.admin);
    expect(bracketed.status, bracketed.text).toBe(201);
    expect(bracketed.body.notes).toBe(notes);
    const atLimit = await t.request('POST', '/api/customers', { as: t.admin, raw: `{"name":${deepArray(MAX_JSON_DEPTH - 1)}}`, headers: json });
    expect(atLimit.status, atLimit.text).toBe(422);
  });

  it('answers a forged id in any path parameter with 422', async () => {
    const t = get();
    const withIds = Object.keys(requests).filter((route) => /:(?!word)\w+/.test(route));
    expect(withIds.length).toBeGreaterThan(50);
    for (const route of withIds) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const param of pattern.match(/:(?!word)\w+/g) ?? []) {
        for (const id of forgedIds) {
          const url = pattern.replace(param, encodeURIComponent(id)).replace(/:\w+/g, '1');
          const res = await t.request(method, url, { as: t.admin, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
          expect(res.status, `${method} ${url}: ${res.text}`).toBe(422);
          expect(Object.keys(res.body.error.details.fields), `${method} ${url}`).toContain(param.slice(1));
        }
      }
    }
  });

  it('answers a forged id in a query or a body with 422 and changes nothing', async () => {
    const t = get();
    const queries = [
      '/api/customers?ownerId=', '/api/customers?statusId=', '/api/audit?actorId=', '/api/customers/duplicates?keyword=abc&excludeId=',
      '/api/products?supplierId=', '/api/reports/annual-fees?ownerId=', '/api/reports/annual-fees?customerId=', '/api/service-desk?assigneeId=',
      '/api/customers/1/merge-preview?sourceId=',
    ];
    for (const url of queries) {
      for (const id of forgedIds) {
        const res = await t.get(url + encodeURIComponent(id), t.admin);
        expect(res.status, `${url}${id}: ${res.text}`).toBe(422);
      }
    }
    const before = await t.snapshot();
    for (const id of [...forgedIds, 1, 1e300, null, true, [], {}]) {
      const customer = await t.post('/api/customers', { name: '伪造编号公司', keyword: '伪造编号', statusId: id }, t.admin);
      expect(customer.status, `statusId ${String(id)}: ${customer.text}`).toBe(422);
      expect(customer.body.error.details.fields.statusId).toBeTruthy();
      const grant = await t.post('/api/delegations', { customerIds: [id], toUserId: t.admin.user.id }, t.admin);
      expect(grant.status, `customerIds ${String(id)}: ${grant.text}`).toBe(422);
      const merge = await t.post('/api/customers/1/merge', { sourceId: id, version: 1 }, t.admin);
      expect(merge.status, `sourceId ${String(id)}: ${merge.text}`).toBe(422);
      expect(merge.body.error.details.fields.sourceId).toBeTruthy();
    }
    // A raw number past 2^53 in JSON is refused by type, not rounded to another row's id.
    const raw = await t.request('POST', '/api/customers', { as: t.admin, raw: '{"name":"大数公司","keyword":"大数","statusId":99999999999999999999}', headers: json });
    expect(raw.status).toBe(422);
    expect(await t.snapshot()).toEqual(before);
  });

  it('answers a forged page, page size or cursor with 422 on every paged list', async () => {
    const t = get();
    const owner = await t.sessionFor('sales');
    const fixtures = new Fixtures(t, owner);
    // A second customer and an activity, so that the keyset lists have a next page to forge.
    await fixtures.followUp();
    await createCustomer(t, owner);
    const paged: string[] = [];
    for (const route of Object.keys(requests).filter((r) => r.startsWith('GET '))) {
      const { url } = await requests[route]!(fixtures, t);
      const res = await t.get(url, t.admin);
      if (res.status !== 200 || !res.body || !('nextCursor' in res.body)) continue;
      paged.push(route);
      const join = url.includes('?') ? '&' : '?';
      for (const bad of ['1e400', '99999999999999999999', '-1', '0', '1.5', 'abc']) {
        for (const field of ['page', 'pageSize']) {
          const forged = await t.get(`${url}${join}${field}=${bad}`, t.admin);
          expect(forged.status, `${route} ${field}=${bad}: ${forged.text}`).toBe(422);
        }
      }
      const sorts = route === 'GET /api/customers' ? ['createdOn', 'name', 'updatedAt', 'id'] : [null];
      for (const sort of sorts) {
        const base = sort ? `${url}${join}sort=${sort}&` : `${url}${join}`;
        const next = (await t.get(`${base}pageSize=1`, t.admin)).body.nextCursor as string | null;
        if (['GET /api/customers', 'GET /api/customers/:id/activities', 'GET /api/audit'].includes(route)) expect(next, route).toBeTruthy();
        // A list that hands out no cursor takes none, not even one shaped like another list's.
        const cursors = next ? [...forgedCursors] : [...forgedCursors, base64url('[1,1]'), base64url('["2026-11-27T02:00:00.000Z",1]')];
        if (next) {
          // The list's own cursor works; the same cursor with any one element forged does not.
          const own = await t.get(`${base}pageSize=1&cursor=${next}`, t.admin);
          expect(own.status, `${route} ${sort} own cursor: ${own.text}`).toBe(200);
          const elements = (JSON.parse(Buffer.from(next, 'base64url').toString()) as unknown[]).map((e) => JSON.stringify(e));
          for (const [i, value] of elements.entries()) {
            const alternatives = typeof JSON.parse(value) === 'number' ? [...forgedElements, '"1"', '"abc"'] : forgedElements;
            for (const e of alternatives) cursors.push(base64url(`[${elements.map((v, j) => (j === i ? e : v)).join(',')}]`));
          }
          cursors.push(base64url(`[${[...elements, '1'].join(',')}]`));
        }
        for (const cursor of cursors) {
          const forged = await t.get(`${base}cursor=${cursor}`, t.admin, { lang: 'en-US' });
          const what = `${route} ${sort ?? ''} cursor ${Buffer.from(cursor, 'base64url').toString().slice(0, 60)}`;
          expect(forged.status, `${what}: ${forged.text}`).toBe(422);
          expect(forged.body.error.details.fields.cursor, what).toBeTruthy();
        }
      }
    }
    expect(paged.length, paged.join(', ')).toBeGreaterThanOrEqual(21);
    for (const list of ['GET /api/customers', 'GET /api/customers/:id/activities', 'GET /api/audit', 'GET /api/users', 'GET /api/imports', 'GET /api/delegations']) {
      expect(paged).toContain(list);
    }
    // The message is in the caller's language.
    const zh = await t.get(`/api/audit?cursor=${base64url('[1.5]')}`, t.admin);
    expect(zh.body.error.details.fields.cursor).toBe('无效的游标');
  });

  it('refuses a JSON body that is not valid UTF-8 with 400 and stores nothing', async () => {
    const t = get();
    const statusId = (await t.get('/api/customer-statuses', t.admin)).body[0].id as string;
    const bodyWith = (bad: number[]) =>
      Buffer.concat([Buffer.from(`{"name":"坏字节`), Buffer.from(bad), Buffer.from(`公司","keyword":"坏字节","statusId":"${statusId}"}`)]);
    // A stray byte, a truncated sequence, an overlong "/", a UTF-8-encoded surrogate, past U+10FFFF.
    for (const bad of [[0xff], [0xe4, 0xb8], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
      const before = await t.snapshot();
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await t.request('POST', '/api/customers', { as: t.admin, raw: bodyWith(bad), headers: json, lang });
        expect(res.status, `${bad.map((b) => b.toString(16)).join(' ')}: ${res.text}`).toBe(400);
        expect(res.body.error.code).toBe('malformed_request');
        expect(res.body.error.details.fields['']).toMatch(lang === 'en-US' ? /not valid UTF-8/ : /UTF-8 编码无效/);
      }
      expect(await t.snapshot()).toEqual(before);
    }
    // The same body in valid UTF-8 is stored as sent.
    const good = await t.request('POST', '/api/customers', { as: t.admin, raw: bodyWith([...Buffer.from('\u00e9')]), headers: json });
    expect(good.status, good.text).toBe(201);
    expect(good.body.name).toBe('坏字节é公司');
  });

  it('refuses impossible dates: a token expiring on 2099-02-30 is a 422', async () => {
    const t = get();
    const s: Session = await t.sessionFor('sales');
    const before = await t.snapshot();
    for (const expiresOn of ['2099-02-30', '2099-13-01', '2099-00-10', '2099-04-31', '2100-02-29']) {
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await t.post('/api/auth/tokens', { name: '集成', expiresOn }, s, { lang });
        expect(res.status, `${expiresOn}: ${res.text}`).toBe(422);
        expect(res.body.error.details.fields.expiresOn).toBe(lang === 'en-US' ? 'must be a real date (YYYY-MM-DD)' : '必须是有效日期（YYYY-MM-DD）');
      }
    }
    expect(await t.snapshot()).toEqual(before);
    const leap = await t.post('/api/auth/tokens', { name: '闰年', expiresOn: '2028-02-29' }, s);
    expect(leap.status, leap.text).toBe(201);
    expect(leap.body.expiresOn).toBe('2028-02-29');
  });
});

// Every date field of the contract: a string schema that takes 2026-11-27 and refuses other
// text is a date, and must refuse a day the calendar does not have.
type Walkable = { _zod: { def: Record<string, any> } };

function leaves(schema: Walkable, seen = new Set<Walkable>()): Walkable[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def;
  const children: Walkable[] = [];
  if (def.type === 'object') children.push(...Object.values(def.shape as Record<string, Walkable>));
  if (def.innerType) children.push(def.innerType);
  if (def.element) children.push(def.element);
  if (def.options) children.push(...def.options);
  if (def.items) children.push(...def.items);
  if (def.valueType) children.push(def.valueType);
  if (def.in) children.push(def.in, def.out);
  if (def.left) children.push(def.left, def.right);
  if (def.type === 'lazy') children.push(def.getter());
  return def.type === 'string' ? [schema] : children.flatMap((c) => leaves(c, seen));
}

it('every date field in the contract refuses impossible dates', () => {
  const modules = { activities, audit, auth, common, contacts, customers, delegations, duplicates, imports, products, purchases, quotes, reports, serviceRequests, suppliers, users };
  const dates: string[] = [];
  for (const [name, exports] of Object.entries(modules)) {
    for (const [exported, value] of Object.entries(exports)) {
      if (!(value instanceof z.ZodType)) continue;
      for (const leaf of leaves(value as unknown as Walkable)) {
        const s = leaf as unknown as z.ZodType;
        if (!s.safeParse('2026-11-27').success || s.safeParse('not a date').success) continue;
        if (s.safeParse('20261127').success || !s.safeParse('2024-02-29').success) continue;
        dates.push(`${name}.${exported}`);
        for (const impossible of ['2099-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '2100-02-29']) {
          expect(s.safeParse(impossible).success, `${name}.${exported} took ${impossible}`).toBe(false);
        }
      }
    }
  }
  expect(dates).toContain('auth.CreateTokenRequest');
  expect(dates).toContain('audit.AuditQuery');
  expect(dates).toContain('activities.CreateFollowUpRequest');
});
