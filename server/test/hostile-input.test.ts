import { expect, it } from 'vitest';
import { describeEachDb, type TestApp } from './harness.js';

// Bad input of any kind gets a 4xx with a clear message and leaves the data exactly as it was.

describeEachDb('hostile input', (get) => {
  let t: TestApp;
  const send = async (init: Parameters<TestApp['request']>[2], url = '/api/users', method = 'POST') => {
    t = get();
    const before = await t.snapshot();
    const res = await t.request(method, url, { as: t.admin, ...init });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await t.snapshot()).toEqual(before);
    return res;
  };

  it('answers malformed JSON with 400 malformed_request', async () => {
    const res = await send({ raw: '{"username": "x",', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_request');
    expect(res.body.error.message).toMatch(/JSON/);
  });

  it('answers an empty JSON body with 400', async () => {
    const res = await send({ raw: '', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
  });

  it('refuses a body over the limit with 413', async () => {
    const huge = JSON.stringify({ username: 'big', displayName: 'x'.repeat(2 * 1024 * 1024), role: 'staff', password: 'secret-123' });
    const res = await send({ raw: huge, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('refuses non-JSON state changes with 415 (CSRF defence)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await send({ raw: 'username=evil&role=admin', headers: { 'content-type': type } });
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    }
    const login = await send({ raw: 'username=admin&password=x', headers: { 'content-type': 'text/plain' } }, '/api/auth/login');
    expect(login.status).toBe(415);
  });

  it('answers wrong types and missing fields with 422 per field, in the caller language', async () => {
    const res = await send({ body: { username: 42, displayName: ['x'], role: 'overlord' }, lang: 'en-US' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(['displayName', 'password', 'role', 'username']);
    expect(res.body.error.message).toMatch(/invalid/i);
    const zh = await send({ body: { username: 42 } });
    expect(zh.body.error.message).toMatch(/输入有误/);
  });

  it('refuses unknown fields instead of assigning them (no mass assignment)', async () => {
    const res = await send({
      body: { username: 'sneaky', displayName: 'S', role: 'staff', password: 'secret-123', active: false, version: 9, id: '1' },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(['active', 'id', 'version']);
  });

  it('refuses text no database can store as sent: a NUL, an unpaired surrogate; a paired one is kept', async () => {
    const customer = (name: string) => ({ raw: JSON.stringify({ name, keyword: 'zz测试', statusId: '1' }), headers: { 'content-type': 'application/json' } });
    for (const [name, zh] of [
      ['坏\u0000名', '不能包含 NUL 字符'],
      ['坏\ud800名', '不成对的 UTF-16 代理项'],
      ['坏\udc00名', '不成对的 UTF-16 代理项'],
    ]) {
      const res = await send(customer(name!), '/api/customers');
      expect(res.status, name).toBe(422);
      expect(res.body.error.details.fields.name, name).toContain(zh);
    }
    const en = await send({ ...customer('\ud83d'), headers: { 'content-type': 'application/json', 'accept-language': 'en-US' } }, '/api/customers');
    expect(en.body.error.details.fields.name).toMatch(/unpaired UTF-16 surrogate/);
    // A query string cannot carry one: the bytes of a surrogate decode to U+FFFD, searched as text.
    const viaQuery = await t.get(`/api/customers?q=${encodeURIComponent('中')}%ED%A0%80`, t.admin);
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.body.items).toEqual([]);
    const statusId = (await t.get('/api/customer-statuses', t.admin)).body[0].id;
    const made = await t.post('/api/customers', { name: '𠀋字科技有限公司', keyword: '𠀋字', statusId }, t.admin);
    expect(made.status, made.text).toBe(201);
    expect((await t.get(`/api/customers/${made.body.id}`, t.admin)).body.name).toBe('𠀋字科技有限公司');
  });

  it('refuses prototype pollution attempts', async () => {
    const res = await send({
      raw: '{"username":"proto","displayName":"P","role":"staff","password":"secret-123","__proto__":{"role":"admin"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });

  it('answers a bad query string and a bad id with 422, an unknown API path with a JSON 404', async () => {
    t = get();
    expect((await t.get('/api/users?pageSize=100000', t.admin)).status).toBe(422);
    expect((await t.get('/api/users?sort=password_hash', t.admin)).status).toBe(422);
    expect((await t.get('/api/users?page=-1', t.admin)).status).toBe(422);
    expect((await t.get('/api/audit?from=2026-02-30', t.admin)).status).toBe(422);
    expect((await t.get('/api/users/1%20or%201=1', t.admin)).status).toBe(422);
    const missing = await t.get('/api/no-such-thing', t.admin);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('treats LIKE wildcards in a search as plain text', async () => {
    t = get();
    const all = await t.get('/api/users?q=%25', t.admin);
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([]);
    const underscore = await t.get('/api/users?q=_', t.admin);
    expect(underscore.body.items).toEqual([]);
  });

  it('sends security headers with a CSP that forbids inline scripts', async () => {
    t = get();
    const res = await t.get('/api/auth/me', t.admin);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeTruthy();
  });
});
