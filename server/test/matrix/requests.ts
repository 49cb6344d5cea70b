import { TEST_PASSWORD, type TestApp, type TestUser } from '../harness.js';

// How to call each route for the matrix: a valid request, so that the status reflects the
// caller's rights and nothing else. Built per row, against fresh fixtures.

export interface Fixtures {
  /** A fresh staff member the row may read or change. */
  target: TestUser;
}

export interface MatrixRequest {
  url: string;
  body?: unknown;
}

type Builder = (f: Fixtures, t: TestApp) => MatrixRequest | Promise<MatrixRequest>;

export const requests: Record<string, Builder> = {
  'GET /api/openapi.json': () => ({ url: '/api/openapi.json' }),
  'GET /api/setup': () => ({ url: '/api/setup' }),
  'POST /api/setup': (_f, t) => ({ url: '/api/setup', body: { username: t.unique('late'), displayName: 'Late', password: TEST_PASSWORD } }),
  'POST /api/auth/login': (f) => ({ url: '/api/auth/login', body: { username: f.target.username, password: f.target.password } }),
  'POST /api/auth/logout': () => ({ url: '/api/auth/logout' }),
  'GET /api/auth/me': () => ({ url: '/api/auth/me' }),
  'POST /api/auth/password': () => ({ url: '/api/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: 'matrix-new-pass' } }),
  'GET /api/users': () => ({ url: '/api/users' }),
  'POST /api/users': (_f, t) => ({
    url: '/api/users',
    body: { username: t.unique('m'), displayName: 'Matrix', role: 'staff', password: TEST_PASSWORD },
  }),
  'GET /api/users/:id': (f) => ({ url: `/api/users/${f.target.id}` }),
  'PATCH /api/users/:id': (f) => ({ url: `/api/users/${f.target.id}`, body: { version: 1, department: 'matrix' } }),
  'POST /api/users/:id/password': (f) => ({ url: `/api/users/${f.target.id}/password`, body: { password: 'matrix-reset-1' } }),
  'GET /api/audit': () => ({ url: '/api/audit' }),
};
