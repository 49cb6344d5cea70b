// The authorization matrix, written by hand: the status each actor must get on each route.
// Never computed from the policy or role code — a test that asks the policy what the policy
// allows cannot fail. Every registered API route must have a row (matrix.test.ts checks).
//
// Actors: admin; owner — the salesperson who owns the row's customer; other — another
// salesperson; activeDelegate — a salesperson the owner granted the customer to;
// revokedDelegate / lapsedDelegate — a grant revoked, or past its end date; otherDelegate —
// holds a grant on a different customer of the same owner; staff; assignedStaff — a staff
// member assigned to the row's service request (else like staff); disabled — a user who
// logged in and was then disabled (their cookie must be worthless); anonymous — no session.

export const actors = [
  'admin',
  'owner',
  'other',
  'activeDelegate',
  'revokedDelegate',
  'lapsedDelegate',
  'otherDelegate',
  'staff',
  'assignedStaff',
  'disabled',
  'anonymous',
] as const;
export type ActorKind = (typeof actors)[number];

export type Expectation = Record<ActorKind, number>;

/**
 * One row. Revoked, lapsed and other-customer delegates are salespeople without a grant on
 * this customer: they get what `other` gets. The active delegate gets `delegate`, which is
 * `other` unless the row says otherwise.
 */
const row = (admin: number, owner: number, other: number, staff: number, delegate = other, assignedStaff = staff): Expectation => ({
  admin,
  owner,
  other,
  activeDelegate: delegate,
  revokedDelegate: other,
  lapsedDelegate: other,
  otherDelegate: other,
  staff,
  assignedStaff,
  disabled: 401,
  anonymous: 401,
});
const everyone = (s: number): Expectation => ({ ...row(s, s, s, s), disabled: s, anonymous: s });
const loggedIn = (s: number) => row(s, s, s, s);
const adminOnly = (s: number) => row(s, 403, 403, 403);
/** A customer's own record: its owner, its active delegates and the admin; 404 to everybody else. */
const customerRecord = (s: number, delegate = s) => row(s, s, 404, 404, delegate);

export const expectations: Record<string, Expectation> = {
  'GET /api/openapi.json': everyone(200),
  'GET /api/setup': everyone(200),
  'POST /api/setup': everyone(409),
  'POST /api/auth/login': everyone(200),
  'POST /api/auth/logout': everyone(204),
  'GET /api/auth/me': loggedIn(200),
  'POST /api/auth/password': loggedIn(204),
  'GET /api/auth/tokens': loggedIn(200),
  'POST /api/auth/tokens': loggedIn(201),
  // Tokens are personal: only the user who made one can revoke it; to everybody else it does not exist.
  'DELETE /api/auth/tokens/:id': row(404, 204, 404, 404),

  'GET /api/users': loggedIn(200),
  'POST /api/users': adminOnly(201),
  'GET /api/users/:id': adminOnly(200),
  'PATCH /api/users/:id': adminOnly(200),
  'POST /api/users/:id/password': adminOnly(204),
  'POST /api/users/:id/transfer-customers': adminOnly(200),
  'GET /api/audit': adminOnly(200),

  'GET /api/customer-statuses': loggedIn(200),
  'POST /api/customer-statuses': adminOnly(201),
  'PATCH /api/customer-statuses/:id': adminOnly(200),
  'DELETE /api/customer-statuses/:id': adminOnly(204),
  'GET /api/generic-keywords': loggedIn(200),
  'POST /api/generic-keywords': adminOnly(201),
  'DELETE /api/generic-keywords/:word': adminOnly(204),

  'GET /api/customers': loggedIn(200),
  'POST /api/customers': row(201, 201, 201, 403),
  'GET /api/customers/duplicates': row(200, 200, 200, 403),
  'GET /api/customers/recycle-bin': adminOnly(200),
  'GET /api/customers/:id': customerRecord(200),
  'PATCH /api/customers/:id': customerRecord(200),
  // A delegate works on the customer but may not delete it.
  'DELETE /api/customers/:id': customerRecord(204, 403),
  'POST /api/customers/:id/restore': adminOnly(204),
  // Duplicates across owners and their merge: the admin's alone, refused (not hidden) to the rest.
  'GET /api/customers/duplicate-groups': adminOnly(200),
  'GET /api/customers/:id/merge-preview': adminOnly(200),
  'POST /api/customers/:id/merge': adminOnly(200),

  'GET /api/customers/:id/contacts': customerRecord(200),
  'POST /api/customers/:id/contacts': customerRecord(201),
  'GET /api/customers/:id/contacts/:childId': customerRecord(200),
  'PATCH /api/customers/:id/contacts/:childId': customerRecord(200),
  'DELETE /api/customers/:id/contacts/:childId': customerRecord(204),
  'GET /api/customers/:id/activities': customerRecord(200),
  'POST /api/customers/:id/activities': customerRecord(201),
  'GET /api/customers/:id/activities/:childId': customerRecord(200),
  'PATCH /api/customers/:id/activities/:childId': customerRecord(200),
  'DELETE /api/customers/:id/activities/:childId': customerRecord(204),
  'GET /api/followups/due': loggedIn(200),

  // Granting and revoking: the owner or the admin; a delegate sees the customer but may not.
  'POST /api/delegations': row(201, 201, 404, 404, 403),
  'GET /api/delegations': loggedIn(200),
  'POST /api/delegations/:id/revoke': row(200, 200, 404, 404, 403),
  'POST /api/delegations/revoke-all': row(200, 200, 200, 403),
  'GET /api/customers/:id/delegations': customerRecord(200),

  // The catalogue: everyone reads, the admin writes.
  'GET /api/suppliers': loggedIn(200),
  'POST /api/suppliers': adminOnly(201),
  'GET /api/suppliers/:id': loggedIn(200),
  'PATCH /api/suppliers/:id': adminOnly(200),
  'DELETE /api/suppliers/:id': adminOnly(204),
  'GET /api/products': loggedIn(200),
  'POST /api/products': adminOnly(201),
  'GET /api/products/:id': loggedIn(200),
  'PATCH /api/products/:id': adminOnly(200),
  'DELETE /api/products/:id': adminOnly(204),

  // Deals live under the customer: owner, active delegate and admin.
  'GET /api/customers/:id/quotes': customerRecord(200),
  'POST /api/customers/:id/quotes': customerRecord(201),
  'GET /api/customers/:id/quotes/:qid': customerRecord(200),
  'PATCH /api/customers/:id/quotes/:qid': customerRecord(200),
  'DELETE /api/customers/:id/quotes/:qid': customerRecord(204),
  'POST /api/customers/:id/quotes/:qid/purchase': customerRecord(201),
  'GET /api/customers/:id/purchases': customerRecord(200),
  'POST /api/customers/:id/purchases': customerRecord(201),
  'GET /api/customers/:id/purchases/:pid': customerRecord(200),
  'PATCH /api/customers/:id/purchases/:pid': customerRecord(200),
  'DELETE /api/customers/:id/purchases/:pid': customerRecord(204),
  'GET /api/customers/:id/purchases/:pid/payments': customerRecord(200),
  'POST /api/customers/:id/purchases/:pid/payments': customerRecord(201),
  'GET /api/customers/:id/purchases/:pid/payments/:childId': customerRecord(200),
  'PATCH /api/customers/:id/purchases/:pid/payments/:childId': customerRecord(200),
  'DELETE /api/customers/:id/purchases/:pid/payments/:childId': customerRecord(204),
  'GET /api/customers/:id/purchases/:pid/annual-fee-payments': customerRecord(200),
  'POST /api/customers/:id/purchases/:pid/annual-fee-payments': customerRecord(201),
  'GET /api/customers/:id/purchases/:pid/annual-fee-payments/:childId': customerRecord(200),
  'PATCH /api/customers/:id/purchases/:pid/annual-fee-payments/:childId': customerRecord(200),
  'DELETE /api/customers/:id/purchases/:pid/annual-fee-payments/:childId': customerRecord(204),
  'POST /api/customers/:id/purchases/:pid/reminders': customerRecord(201),

  // Reports are for everyone over what they may see (staff see empty reports).
  // Service requests: through the customer like any child record; through the desk also for
  // the staff member the request is assigned to.
  'GET /api/customers/:id/service-requests': customerRecord(200),
  'POST /api/customers/:id/service-requests': customerRecord(201),
  'GET /api/customers/:id/service-requests/:srid': customerRecord(200),
  'PATCH /api/customers/:id/service-requests/:srid': customerRecord(200),
  'DELETE /api/customers/:id/service-requests/:srid': customerRecord(204),
  'GET /api/service-desk': loggedIn(200),
  'GET /api/service-desk/:srid': row(200, 200, 404, 404, 200, 200),
  'PATCH /api/service-desk/:srid': row(200, 200, 404, 404, 200, 200),

  'GET /api/reports/annual-fees': loggedIn(200),
  'GET /api/reports/arrears': loggedIn(200),
  'GET /api/reports/charts': loggedIn(200),
  'GET /api/dashboard': loggedIn(200),
  // Staff get a file with the header only: their list is empty.
  'GET /api/customers/export': loggedIn(200),

  // Imports: admin and salespeople upload; an import is its creator's and the admin's only,
  // to anyone else it does not exist. Undoing one is the admin's.
  'POST /api/imports': row(201, 201, 201, 403),
  'GET /api/imports': row(200, 200, 200, 403),
  'GET /api/imports/:id': row(200, 200, 404, 404),
  'POST /api/imports/:id/validate': row(200, 200, 404, 404),
  'GET /api/imports/:id/rows': row(200, 200, 404, 404),
  'GET /api/imports/:id/report': row(200, 200, 404, 404),
  'POST /api/imports/:id/commit': row(202, 202, 404, 404),
  'POST /api/imports/:id/undo': adminOnly(200),
};
