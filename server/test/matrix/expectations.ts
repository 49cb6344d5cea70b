// The authorization matrix, written by hand: the status each actor must get on each route.
// Never computed from the policy or role code — a test that asks the policy what the policy
// allows cannot fail. Every registered API route must have a row (matrix.test.ts checks).
//
// Actors: admin, sales, staff — active users of each role; disabled — a user who logged in
// and was then disabled (their cookie must be worthless); anonymous — no session.
// Later issues add owner, other salesperson, active / revoked / lapsed delegate.

export const actors = ['admin', 'sales', 'staff', 'disabled', 'anonymous'] as const;
export type ActorKind = (typeof actors)[number];

export type Expectation = Record<ActorKind, number>;

const everyone = (status: number): Expectation => ({ admin: status, sales: status, staff: status, disabled: status, anonymous: status });
const loggedIn = (status: number): Expectation => ({ admin: status, sales: status, staff: status, disabled: 401, anonymous: 401 });
const adminOnly = (status: number): Expectation => ({ admin: status, sales: 403, staff: 403, disabled: 401, anonymous: 401 });

export const expectations: Record<string, Expectation> = {
  'GET /api/openapi.json': everyone(200),
  'GET /api/setup': everyone(200),
  'POST /api/setup': everyone(409),
  'POST /api/auth/login': everyone(200),
  'POST /api/auth/logout': everyone(204),
  'GET /api/auth/me': loggedIn(200),
  'POST /api/auth/password': loggedIn(204),
  'GET /api/users': loggedIn(200),
  'POST /api/users': adminOnly(201),
  'GET /api/users/:id': adminOnly(200),
  'PATCH /api/users/:id': adminOnly(200),
  'POST /api/users/:id/password': adminOnly(204),
  'GET /api/audit': adminOnly(200),
};
