import type { Kysely, Selectable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.js';
import { containsIgnoringCase, forUpdate } from '../../db/dialect.js';

export type UserRow = Selectable<UsersTable>;

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserForLogin(db: Kysely<DB>, usernameNorm: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'active', 'password_hash'])
    .where('username_norm', '=', usernameNorm)
    .executeTakeFirst();
}

export async function findUserPasswordHash(db: Kysely<DB>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash;
}

export async function findUserById(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(db: Kysely<DB>, usernameNorm: string) {
  return db.selectFrom('users').select('id').where('username_norm', '=', usernameNorm).executeTakeFirst();
}

export async function insertUser(
  db: Kysely<DB>,
  row: Omit<UserRow, 'id' | 'version' | 'last_login_at'>,
): Promise<number> {
  const inserted = await db
    .insertInto('users')
    .values({ ...row, version: 1, last_login_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Updates when the version still matches; returns false on a stale version. */
export async function updateUser(
  db: Kysely<DB>,
  id: number,
  version: number,
  changes: Partial<Pick<UserRow, 'display_name' | 'role' | 'phone' | 'email' | 'department' | 'active'>>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...changes, version: version + 1, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPasswordHash(db: Kysely<DB>, id: number, hash: string, at: string) {
  await db
    .updateTable('users')
    .set((eb) => ({ password_hash: hash, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markLoggedIn(db: Kysely<DB>, id: number, at: string) {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

export async function countActiveAdmins(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserListFilter {
  q?: string | undefined;
  role?: UserRow['role'] | undefined;
  active?: boolean | undefined;
}

const sortColumns = {
  username: 'username_norm',
  displayName: 'display_name',
  role: 'role',
  department: 'department',
  createdAt: 'created_at',
} as const;
export type UserSort = keyof typeof sortColumns;

function filteredUsers(db: Kysely<DB>, f: UserListFilter) {
  let q = db.selectFrom('users');
  if (f.role) q = q.where('role', '=', f.role);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) {
    const needle = f.q;
    // The staff list is small (hundreds); a scan is fine here.
    q = q.where((eb) =>
      eb.or(['username_norm', 'display_name', 'phone', 'email', 'department'].map((c) => containsIgnoringCase(c, needle))),
    );
  }
  return q;
}

export async function listUsers(
  db: Kysely<DB>,
  f: UserListFilter,
  sort: UserSort,
  order: 'asc' | 'desc',
  limit: number,
  offset: number,
) {
  return filteredUsers(db, f)
    .selectAll()
    .orderBy(sortColumns[sort], order)
    .orderBy('id', order)
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countFilteredUsers(db: Kysely<DB>, f: UserListFilter): Promise<number> {
  const row = await filteredUsers(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every user's id and display name, disabled users too. */
export async function listUserNames(db: Kysely<DB>) {
  return db.selectFrom('users').select(['id', 'display_name']).execute();
}

export async function listActiveUserSummaries(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('active', '=', 1)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

/** Locks the active admins' rows (PostgreSQL) so two concurrent demotions cannot both pass. */
export async function lockActiveAdmins(db: Kysely<DB>): Promise<void> {
  await forUpdate(db, db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1)).execute();
}

export async function findOwnerCandidate(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', id)
    .where('active', '=', 1)
    .where('role', 'in', ['admin', 'sales'])
    .executeTakeFirst();
}
