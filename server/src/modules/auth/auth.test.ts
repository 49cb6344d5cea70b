import { describe, expect, it, vi } from 'vitest';
import { cookieFrom, describeEachDb, startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/harness.js';

// Every stored hash a login verifies against, in order (the real check still runs).
const verifiedAgainst = vi.hoisted(() => [] as string[]);
vi.mock('../../lib/passwords.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/passwords.js')>();
  return {
    ...real,
    verifyPassword: (password: string, stored: string) => {
      verifiedAgainst.push(stored);
      return real.verifyPassword(password, stored);
    },
  };
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('first-run setup', () => {
  it('is offered only while no user exists, creates the admin and logs them in', async () => {
    const { t, stop } = await startTestApp('sqlite', { withAdmin: false });
    try {
      expect((await t.get('/api/setup')).body).toEqual({ needed: true });
      const res = await t.post('/api/setup', { username: 'Boss', displayName: '老板', password: TEST_PASSWORD });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ username: 'Boss', role: 'admin' });
      const me = await t.get('/api/auth/me', { user: res.body.user, cookie: cookieFrom(res) });
      expect(me.body).toMatchObject({ username: 'Boss', displayName: '老板', role: 'admin' });
      expect((await t.get('/api/setup')).body).toEqual({ needed: false });
      const again = await t.post('/api/setup', { username: 'mallory', displayName: 'M', password: TEST_PASSWORD });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('already_exists');
    } finally {
      await stop();
    }
  });

  it('lets only one of two simultaneous setups through', async () => {
    const { t, stop } = await startTestApp('sqlite', { withAdmin: false });
    try {
      const results = await Promise.all(
        ['first', 'second', 'third'].map((u) => t.post('/api/setup', { username: u, displayName: u, password: TEST_PASSWORD })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const users = await t.db.selectFrom('users').select('username').execute();
      expect(users).toHaveLength(1);
    } finally {
      await stop();
    }
  });
});

describeEachDb('login and sessions', (get) => {
  let t: TestApp;
  const fresh = async () => {
    t = get();
    return t.createUser('sales');
  };

  it('sets an httpOnly SameSite=Lax session cookie and answers /me', async () => {
    const user = await fresh();
    const res = await t.post('/api/auth/login', { username: user.username.toUpperCase(), password: user.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, role: 'sales' });
    const setCookie = String([res.headers['set-cookie']].flat()[0]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await t.get('/api/auth/me', { user, cookie: cookieFrom(res) });
    expect(me.body).toEqual({ id: user.id, username: user.username, displayName: user.displayName, role: 'sales' });
  });

  it('stores only a hash of the session token', async () => {
    const user = await fresh();
    const session = await t.login(user);
    const token = session.cookie.split('=')[1] as string;
    const rows = await t.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('answers an unknown user and a wrong password alike', async () => {
    const user = await fresh();
    const wrong = await t.post('/api/auth/login', { username: user.username, password: 'not-the-password' });
    const unknown = await t.post('/api/auth/login', { username: 'nobody-here', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('refuses /me without a session and after logout', async () => {
    const user = await fresh();
    expect((await t.get('/api/auth/me')).status).toBe(401);
    const session = await t.login(user);
    expect((await t.post('/api/auth/logout', undefined, session)).status).toBe(204);
    const after = await t.get('/api/auth/me', session);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('rotates the token on login: the cookie used before logging in again is dead', async () => {
    const user = await fresh();
    const first = await t.login(user);
    const again = await t.post('/api/auth/login', { username: user.username, password: user.password }, first);
    expect(again.status).toBe(200);
    expect(cookieFrom(again)).not.toEqual(first.cookie);
    expect((await t.get('/api/auth/me', first)).status).toBe(401);
  });

  it('expires a session idle for more than 8 hours', async () => {
    const user = await fresh();
    const session = await t.login(user);
    t.clock.advance(7 * HOUR);
    expect((await t.get('/api/auth/me', session)).status).toBe(200);
    t.clock.advance(7 * HOUR); // 7 h since the last request: still alive
    expect((await t.get('/api/auth/me', session)).status).toBe(200);
    t.clock.advance(8 * HOUR + 60_000);
    expect((await t.get('/api/auth/me', session)).status).toBe(401);
  });

  it('expires any session 30 days after login however busy it is', async () => {
    const user = await fresh();
    const session = await t.login(user);
    for (let elapsed = 0; elapsed < 30 * DAY - 7 * HOUR; elapsed += 7 * HOUR) {
      t.clock.advance(7 * HOUR);
      expect((await t.get('/api/auth/me', session)).status).toBe(200);
    }
    t.clock.advance(8 * HOUR);
    expect((await t.get('/api/auth/me', session)).status).toBe(401);
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    const user = await fresh();
    const here = await t.login(user);
    const elsewhere = await t.login(user);
    const res = await t.post('/api/auth/password', { currentPassword: user.password, newPassword: 'a-new-secret-1' }, here);
    expect(res.status).toBe(204);
    expect((await t.get('/api/auth/me', here)).status).toBe(200);
    expect((await t.get('/api/auth/me', elsewhere)).status).toBe(401);
    const old = await t.post('/api/auth/login', { username: user.username, password: user.password });
    expect(old.status).toBe(401);
    await t.login({ ...user, password: 'a-new-secret-1' });
  });

  it('refuses a password change with the wrong current password and changes nothing', async () => {
    const user = await fresh();
    const session = await t.login(user);
    const before = await t.snapshot();
    const res = await t.post('/api/auth/password', { currentPassword: 'wrong-one', newPassword: 'a-new-secret-1' }, session, { lang: 'en-US' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields.currentPassword).toMatch(/wrong/);
    expect(await t.snapshot()).toEqual(before);
    await t.login(user);
  });

  it('ends the sessions of a user the admin disables, and refuses their login', async () => {
    const session = await t.sessionFor('sales');
    const user = await t.asAdmin('GET', `/api/users/${session.user.id}`);
    await t.asAdmin('PATCH', `/api/users/${session.user.id}`, { version: user.body.version, active: false });
    expect((await t.get('/api/auth/me', session)).status).toBe(401);
    expect((await t.post('/api/auth/login', { username: session.user.username, password: session.user.password })).status).toBe(401);
  });

  it('ends the sessions of a user whose password the admin resets', async () => {
    const session = await t.sessionFor('staff');
    expect((await t.asAdmin('POST', `/api/users/${session.user.id}/password`, { password: 'reset-by-admin' })).status).toBe(204);
    expect((await t.get('/api/auth/me', session)).status).toBe(401);
    await t.login({ ...session.user, password: 'reset-by-admin' });
  });
});

describeEachDb(
  'login throttling',
  (get) => {
    it('blocks a username after repeated failures, yet admits the right password once the delay passed', async () => {
      const t = get();
      const user = await t.createUser('admin');
      for (let i = 0; i < 3; i++) {
        expect((await t.post('/api/auth/login', { username: user.username, password: 'guess' })).status).toBe(401);
      }
      const blocked = await t.post('/api/auth/login', { username: user.username, password: user.password });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('rate_limited');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Hammering while blocked does not extend the block.
      for (let i = 0; i < 10; i++) await t.post('/api/auth/login', { username: user.username, password: 'guess' });
      t.clock.advance(Number(blocked.headers['retry-after']) * 1000);
      expect((await t.post('/api/auth/login', { username: user.username, password: user.password })).status).toBe(200);
    });

    it('never blocks for longer than the maximum delay', async () => {
      const t = get();
      const user = await t.createUser('admin');
      for (let round = 0; round < 8; round++) {
        await t.post('/api/auth/login', { username: user.username, password: 'guess' });
        t.clock.advance(61_000);
      }
      expect((await t.post('/api/auth/login', { username: user.username, password: user.password })).status).toBe(200);
    });

    it('throttles unknown usernames the same way (no hint that they do not exist)', async () => {
      const t = get();
      for (let i = 0; i < 3; i++) await t.post('/api/auth/login', { username: 'ghost', password: 'guess' });
      expect((await t.post('/api/auth/login', { username: 'ghost', password: 'guess' })).status).toBe(429);
    });

    it('throttles one IP trying many usernames', async () => {
      const t = get();
      const ip = { 'x-test': '1' };
      for (let i = 0; i < 10; i++) {
        await t.request('POST', '/api/auth/login', { body: { username: `spray${i}`, password: 'guess' }, headers: ip });
      }
      const res = await t.post('/api/auth/login', { username: 'spray-next', password: 'guess' });
      expect(res.status).toBe(429);
      t.clock.advance(61_000);
    });
  },
  {
    config: {
      login: { maxFailuresPerUser: 3, maxFailuresPerIp: 10, windowMs: 15 * 60_000, delayMs: 2_000, maxDelayMs: 60_000 },
    },
  },
);

describe('password hashing', () => {
  it('checks an unknown user against a dummy hash as costly as a real one (no time measured)', async () => {
    // The same work, not a measured time (no timing assertions in the suite): an unknown user is
    // checked against a dummy hash made with the same scrypt parameters as real ones.
    const { t, stop } = await startTestApp('sqlite', { config: { scryptN: 2 ** 14 } });
    try {
      const user = await t.createUser('sales');
      const stored = (await t.db.selectFrom('users').select('password_hash').where('username', '=', user.username).executeTakeFirstOrThrow()).password_hash;
      const params = (hash: string) => hash.split('$').slice(0, 4).join('$');
      verifiedAgainst.length = 0;
      expect((await t.post('/api/auth/login', { username: user.username, password: 'definitely-wrong' })).status).toBe(401);
      expect((await t.post('/api/auth/login', { username: 'nobody-at-all', password: 'definitely-wrong' })).status).toBe(401);
      expect(verifiedAgainst).toHaveLength(2);
      const [known, unknown] = verifiedAgainst as [string, string];
      expect(known).toBe(stored);
      expect(unknown).not.toBe(stored);
      expect(params(unknown)).toBe(params(stored));
      expect(params(stored)).toMatch(/^scrypt\$16384\$/);
    } finally {
      await stop();
    }
  });
});
