import { expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../../../test/harness.js';

describeEachDb('staff management', (get) => {
  let t: TestApp;
  const admin = () => {
    t = get();
    return t.admin;
  };

  it('creates a user with every field and lists it for the admin', async () => {
    const as = admin();
    const res = await t.post(
      '/api/users',
      { username: 'Li.Si', displayName: '李四', role: 'sales', password: 'secret-123', phone: '13800000000', email: 'lisi@example.com', department: '销售一部' },
      as,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'Li.Si', displayName: '李四', role: 'sales', phone: '13800000000', department: '销售一部', active: true, version: 1 });
    expect(res.body).not.toHaveProperty('passwordHash');
    const list = await t.get('/api/users?q=销售一部', as);
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual(['Li.Si']);
    expect(list.body).toMatchObject({ total: 1, totalExact: true, page: 1 });
  });

  it('refuses a username that differs only in case', async () => {
    const as = admin();
    await t.post('/api/users', { username: 'wangwu', displayName: '王五', role: 'staff', password: 'secret-123' }, as);
    const before = await t.snapshot();
    const res = await t.post('/api/users', { username: 'WangWu', displayName: '王五二', role: 'staff', password: 'secret-123' }, as);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('already_exists');
    expect(res.body.error.details.fields.username).toBeTruthy();
    expect(await t.snapshot()).toEqual(before);
  });

  it('filters by role and active, sorts, and pages', async () => {
    const as = admin();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await t.createUser('staff', { displayName: `Z排序${i}` }));
    const disabled = await t.disabledSession();
    const staff = await t.get('/api/users?role=staff&active=true&sort=displayName&order=desc&pageSize=2', as);
    expect(staff.status).toBe(200);
    expect(staff.body.items).toHaveLength(2);
    expect(staff.body.pageSize).toBe(2);
    expect(staff.body.items.every((u: { role: string; active: boolean }) => u.role === 'staff' && u.active)).toBe(true);
    const names = staff.body.items.map((u: { displayName: string }) => u.displayName);
    expect([...names].sort().reverse()).toEqual(names);
    const inactive = await t.get('/api/users?active=false', as);
    expect(inactive.body.items.map((u: { id: string }) => u.id)).toContain(disabled.user.id);
  });

  it('gives a salesperson only id, name and role of active colleagues', async () => {
    admin();
    const sales = await t.sessionFor('sales');
    const colleague = await t.createUser('sales', { username: 'secret.login', displayName: '同事' });
    const gone = await t.disabledSession();
    const res = await t.get('/api/users', sales);
    expect(res.status).toBe(200);
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(['displayName', 'id', 'role']);
    expect(res.body.items.map((u: { id: string }) => u.id)).not.toContain(gone.user.id);
    expect(res.text).toContain(colleague.displayName);
    expect(res.text).not.toContain(colleague.username);
  });

  it('edits with the version read and refuses a stale one', async () => {
    const as = admin();
    const user = await t.createUser('staff');
    const first = await t.patch(`/api/users/${user.id}`, { version: 1, displayName: '新名字', department: '客服部' }, as);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ displayName: '新名字', department: '客服部', version: 2 });
    const stale = await t.patch(`/api/users/${user.id}`, { version: 1, displayName: '覆盖' }, as);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect((await t.get(`/api/users/${user.id}`, as)).body.displayName).toBe('新名字');
  });

  it('refuses to let the admin disable or demote themself', async () => {
    const as = admin();
    const me = await t.get(`/api/users/${as.user.id}`, as);
    for (const change of [{ active: false }, { role: 'sales' }]) {
      const res = await t.patch(`/api/users/${as.user.id}`, { version: me.body.version, ...change }, as);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('last_admin');
    }
  });

  it('lets one admin demote another but never the last active admin', async () => {
    const as = admin();
    const other = await t.createUser('admin');
    const otherSession = await t.login(other);
    // Disable every further admin except `as` and `other`.
    const admins = await t.get('/api/users?role=admin&active=true&pageSize=500', as);
    for (const a of admins.body.items) {
      if (a.id !== as.user.id && a.id !== other.id) await t.patch(`/api/users/${a.id}`, { version: a.version, role: 'staff' }, as);
    }
    const demoted = await t.patch(`/api/users/${other.id}`, { version: 1, role: 'sales' }, as);
    expect(demoted.status).toBe(200);
    // `other` is no admin any more: managing staff is now forbidden to them.
    expect((await t.get(`/api/users/${as.user.id}`, otherSession)).status).toBe(403);
    const back = await t.patch(`/api/users/${other.id}`, { version: 2, role: 'admin' }, as);
    expect(back.status).toBe(200);
    // With `other` disabled again, `as` is the last one and other cannot demote as.
    const otherAgain = await t.login(other);
    const asNow = await t.get(`/api/users/${as.user.id}`, as);
    const off = await t.patch(`/api/users/${as.user.id}`, { version: asNow.body.version, active: false }, otherAgain);
    expect(off.status).toBe(200);
    t.admin = await t.login(other);
    const last = await t.get(`/api/users/${other.id}`, t.admin);
    const refuse = await t.patch(`/api/users/${other.id}`, { version: last.body.version, role: 'staff' }, t.admin);
    expect(refuse.status).toBe(409);
    // Put the original admin back for the following tests.
    const asRow = await t.get(`/api/users/${as.user.id}`, t.admin);
    await t.patch(`/api/users/${as.user.id}`, { version: asRow.body.version, active: true }, t.admin);
    t.admin = await t.login(as.user);
  });

  it('writes every change to the audit trail as data, browsable by person, entity and date', async () => {
    const as = admin();
    const user = await t.createUser('sales', { displayName: '赵六' });
    await t.patch(`/api/users/${user.id}`, { version: 1, phone: '020-1234', active: false }, as);
    await t.post(`/api/users/${user.id}/password`, { password: 'another-secret' }, as);
    const trail = await t.get(`/api/audit?entity=user&actorId=${as.user.id}&pageSize=500`, as);
    expect(trail.status).toBe(200);
    const mine = trail.body.items.filter((e: { entityId: string }) => e.entityId === user.id);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['password_reset', 'disabled', 'created']);
    const disabled = mine[1];
    expect(disabled.actorName).toBe('管理员');
    expect(disabled.changes).toEqual(
      expect.arrayContaining([
        { field: 'phone', old: '', new: '020-1234' },
        { field: 'active', old: true, new: false },
      ]),
    );
    expect(JSON.stringify(trail.body)).not.toContain('another-secret');
    const today = '2026-11-27';
    const dated = await t.get(`/api/audit?from=${today}&to=${today}&pageSize=1`, as);
    expect(dated.body.items).toHaveLength(1);
    expect(dated.body.nextCursor).toBeTruthy();
    const next = await t.get(`/api/audit?from=${today}&to=${today}&pageSize=1&cursor=${dated.body.nextCursor}`, as);
    expect(next.body.items[0].id).not.toBe(dated.body.items[0].id);
    const none = await t.get('/api/audit?from=2020-01-01&to=2020-01-02', as);
    expect(none.body.items).toEqual([]);
  });

  it('answers 404 for a user that does not exist and 422 for a malformed id', async () => {
    const as = admin();
    expect((await t.get('/api/users/999999', as)).status).toBe(404);
    expect((await t.get('/api/users/abc', as)).status).toBe(422);
    expect((await t.patch('/api/users/999999', { version: 1, displayName: 'x' }, as)).status).toBe(404);
  });
});
