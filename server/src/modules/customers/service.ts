import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CreateCustomerRequest, CustomerListQuery, UpdateCustomerRequest } from '../../../../common/schemas/customers.js';
import { today, type AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { DEFAULT_PAGE_SIZE, EXACT_TOTAL_LIMIT, cursorValue, decodeCursor, encodeCursor } from '../../lib/paging.js';
import { can, type Actor } from '../../policy/actor.js';
import { customerRights, customerScope, holdsActiveGrants, scopeFor, type CustomerScope } from '../../policy/scope.js';
import { lockVisible } from '../../policy/visible-customer.js';
import { endGrantsOfCustomers, renameInActiveGrants } from '../delegations/service.js';
import { assertUsableKeyword } from '../generic-keywords/service.js';
import { findOwnerCandidate } from '../users/service.js';
import { guardDuplicates, withDuplicateBudget } from '../duplicates/service.js';
import { editableFields, toCustomer } from './mapper.js';
import * as mergeRepo from './merge-repo.js';
import * as repo from './repo.js';
import { lookupTerms, normalizeTerm, searchWalk, termGrams } from '../../search/index.js';
import * as writer from './writer.js';

const SEARCH_TOTAL_LIMIT = 1_000;

// --- reading ------------------------------------------------------------------------------

/** The scope for listing: for a salesperson without grants, the plain owner scope. */
async function listScope(ctx: AppContext, actor: Actor): Promise<CustomerScope> {
  const scope = scopeFor(ctx, actor);
  const { db } = ctx.database;
  if (scope.visibility !== 'owned' || (await holdsActiveGrants(db, actor.id, scope.today))) return scope;
  return customerScope(db, actor, scope.today, { withoutGrants: true });
}

export async function listCustomers(ctx: AppContext, actor: Actor, query: CustomerListQuery, options = { withTotal: true }) {
  const scope = await listScope(ctx, actor);
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const sort = query.sort ?? 'createdOn';
  const order = query.order ?? 'desc';
  const term = query.q ? normalizeTerm(query.q) : '';
  const filter: repo.CustomerFilter = {
    statusId: query.statusId ? Number(query.statusId) : undefined,
    ownerId: query.ownerId ? Number(query.ownerId) : undefined,
    term: term || undefined,
    terms: term ? lookupTerms(term, termGrams(term)) : undefined,
  };
  if (term) Object.assign(filter, await searchWalk(ctx.database.db, filter.terms ?? [], scope.visibility === 'owned'));
  let page = query.page ?? 1;
  let position: { offset: number } | { after: [string | number, number] } = { offset: (page - 1) * pageSize };
  if (query.cursor) {
    // [sort value, id]; the sort value of the id sort is the id itself.
    const valueOf = sort === 'id' ? cursorValue.id : cursorValue.text;
    position = { after: decodeCursor(query.cursor, z.tuple([valueOf, cursorValue.id])) };
    page = 0;
  }
  // A search's total is counted exactly up to 1,000 only: counting further would run the whole
  // search a second time; beyond that the answer says totalExact: false.
  const cap = filter.term ? SEARCH_TOTAL_LIMIT : EXACT_TOTAL_LIMIT;
  // The total is worked out beside the page, not after it: on PostgreSQL on other connections,
  // so a search's count no longer adds its time to the page's.
  const [rows, { total, totalExact }] = await Promise.all([
    repo.listCustomers(ctx.database.db, scope, filter, sort, order, pageSize + 1, position),
    options.withTotal ? totalOf(ctx.database.db, scope, filter, cap) : Promise.resolve({ total: 0, totalExact: true }),
  ]);
  const pageRows = rows.slice(0, pageSize);
  const grants = await repo.activeGrantsOf(ctx.database.db, pageRows.map((r) => r.id), scope.today);
  const items = pageRows.map((r) => toCustomer(r, grants.get(r.id) ?? [], actor));
  const last = rows[pageSize - 1];
  const sortValue = (r: repo.CustomerWithNames) =>
    sort === 'createdOn' ? r.created_on : sort === 'name' ? r.name : sort === 'updatedAt' ? r.updated_at : r.id;
  return {
    items,
    total,
    totalExact,
    page,
    pageSize,
    nextCursor: rows.length > pageSize && last ? encodeCursor([sortValue(last), last.id]) : null,
  };
}

/**
 * A list's total: from the counters when they can tell (never for a search), else counted up to
 * `cap`; past the cap the total is `cap` and not exact.
 */
async function totalOf(db: Kysely<DB>, scope: CustomerScope, filter: repo.CustomerFilter, cap: number) {
  const counted = filter.term ? null : await repo.visibleTotal(db, scope, filter);
  if (counted !== null) return { total: counted, totalExact: true };
  const n = await repo.countCustomers(db, scope, filter, cap);
  return { total: Math.min(n, cap), totalExact: n <= cap };
}

/** A visible customer or 404 — never 403 for what the caller cannot see. */
export async function loadVisible(scope: CustomerScope, id: number) {
  const row = await repo.findCustomer(scope, id);
  if (!row) throw new AppError('not_found');
  return row;
}

/** lockVisible for an edit of the customer itself: the locked row, read through the scope. */
function lockForEdit(trx: Kysely<DB>, scope: CustomerScope, id: number) {
  return lockVisible(trx, scope, id, repo.findCustomer);
}

export async function getCustomer(ctx: AppContext, actor: Actor, id: number) {
  const scope = scopeFor(ctx, actor);
  const row = await loadVisible(scope, id);
  const grants = await repo.activeGrantsOf(ctx.database.db, [id], scope.today);
  return toCustomer(row, grants.get(id) ?? [], actor);
}

/** What a merge of a visible customer into another would move (the merge preview). */
export function recordsToMove(ctx: AppContext, actor: Actor, id: number) {
  return mergeRepo.countMoves(ctx.database.db, scopeFor(ctx, actor), id);
}

/** Live customers per status id, counting only what the actor may see. */
export function visibleStatusCounts(ctx: AppContext, actor: Actor) {
  return repo.visibleCountsByStatus(ctx.database.db, scopeFor(ctx, actor));
}

/** Live customers of every owner, from the counters. */
export function liveCustomerCount(db: Kysely<DB>): Promise<number> {
  return repo.countFromCounters(db);
}

// --- writing ------------------------------------------------------------------------------

/** The owner a customer may be given by the actor, with the name its log entry shows. */
async function resolveOwner(trx: Kysely<DB>, actor: Actor, ownerId: number | undefined): Promise<{ id: number; name: string }> {
  if (ownerId === undefined || ownerId === actor.id) {
    if (!can(actor, 'customers.use')) throw new AppError('forbidden');
    return { id: actor.id, name: actor.displayName };
  }
  if (!can(actor, 'customers.admin')) throw new AppError('forbidden');
  const owner = await findOwnerCandidate(trx, ownerId);
  if (!owner) {
    throw fieldError('ownerId', { zh: '业务员必须是有效的业务员或管理员', en: 'the owner must be an active salesperson or admin' });
  }
  return { id: ownerId, name: owner.display_name };
}

/** The status's name (for the log entry); a field error when there is no such status. */
async function requireStatus(trx: Kysely<DB>, statusId: number): Promise<string> {
  const status = await repo.findStatusName(trx, statusId);
  if (!status) throw fieldError('statusId', { zh: '客户状态不存在', en: 'no such customer status' });
  return status.name;
}

function assertNotFuture(ctx: AppContext, createdOn: string | undefined) {
  if (createdOn && createdOn > today(ctx)) {
    throw fieldError('createdOn', { zh: '创建日期不能晚于今天', en: 'the creation date cannot be in the future' });
  }
}


export async function createCustomer(ctx: AppContext, actor: Actor, input: CreateCustomerRequest) {
  const { db } = ctx.database;
  const created = await withDuplicateBudget(ctx, actor, () => db.transaction().execute(async (trx) => {
    const owner = await resolveOwner(trx, actor, input.ownerId ? Number(input.ownerId) : undefined);
    const ownerId = owner.id;
    const statusName = await requireStatus(trx, Number(input.statusId));
    await assertUsableKeyword(trx, input.keyword);
    assertNotFuture(ctx, input.createdOn);
    await guardDuplicates(ctx, trx, input);
    const now = ctx.clock.now().toISOString();
    const row: writer.NewCustomer = {
      name: input.name,
      keyword: input.keyword,
      status_id: Number(input.statusId),
      owner_id: ownerId,
      created_on: input.createdOn ?? today(ctx),
      industry: input.industry ?? '',
      source: input.source ?? '',
      region: input.region ?? '',
      address: input.address ?? '',
      phone: input.phone ?? '',
      website: input.website ?? '',
      notes: input.notes ?? '',
      created_at: now,
      updated_at: now,
    };
    const changes = Object.entries(editableFields)
      .map(([field, column]) => ({ field, old: null, new: row[column] }))
      .filter((c) => c.new !== '');
    changes.push({ field: 'status', old: null, new: statusName });
    changes.push({ field: 'owner', old: null, new: owner.name });
    const inserted = await writer.createCustomer(trx, ctx, actor, row, changes);
    // The answer is built from the row as inserted rather than read back: two round trips fewer
    // on PostgreSQL. A new customer has no grants yet.
    return { ...inserted, status_name: statusName, owner_name: owner.name };
  }));
  return toCustomer(created, [], actor);
}

export async function updateCustomer(ctx: AppContext, actor: Actor, id: number, input: UpdateCustomerRequest) {
  await withDuplicateBudget(ctx, actor, () => ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    // Locked: the search text below is built from the contacts as they are while it is held.
    const before = await lockForEdit(trx, scope, id);
    if (before.version !== input.version) throw new AppError('stale_version', { currentVersion: before.version });
    const rights = customerRights(actor, before);
    const newOwner = input.ownerId !== undefined ? Number(input.ownerId) : before.owner_id;
    let newOwnerName = before.owner_name;
    if (newOwner !== before.owner_id) {
      if (!rights.canChangeOwner) throw new AppError('forbidden');
      newOwnerName = (await resolveOwner(trx, actor, newOwner)).name;
    }
    const newStatus = input.statusId !== undefined ? Number(input.statusId) : before.status_id;
    const newStatusName = newStatus !== before.status_id ? await requireStatus(trx, newStatus) : before.status_name;
    const changes: writer.CustomerChanges = {};
    for (const [field, column] of Object.entries(editableFields)) {
      const value = input[field as keyof typeof editableFields];
      if (value !== undefined && value !== before[column]) Object.assign(changes, { [column]: value });
    }
    assertNotFuture(ctx, changes.created_on);
    const name = changes.name ?? before.name;
    const keyword = changes.keyword ?? before.keyword;
    if (changes.keyword !== undefined) await assertUsableKeyword(trx, keyword);
    if (changes.name !== undefined || changes.keyword !== undefined) {
      await guardDuplicates(ctx, trx, { name, keyword, confirmDuplicate: input.confirmDuplicate, excludeId: id });
    }
    const logged: { field: string; old: string | null; new: string | null }[] = Object.entries(editableFields)
      .filter(([, column]) => column in changes)
      .map(([field, column]) => ({ field, old: before[column], new: changes[column as keyof writer.CustomerChanges] as string }));
    if (newStatus !== before.status_id) logged.push({ field: 'status', old: before.status_name, new: newStatusName });
    if (newOwner !== before.owner_id) logged.push({ field: 'owner', old: before.owner_name, new: newOwnerName });
    // Grants first: a new owner ends them, a new name renames them while they are active.
    if (newOwner !== before.owner_id) await endGrantsOfCustomers(trx, ctx, actor, [id]);
    if (changes.name !== undefined) await renameInActiveGrants(trx, ctx, id, name);
    await writer.updateCustomer(trx, ctx, actor, before, { ...changes, status_id: newStatus, owner_id: newOwner }, logged);
  }));
  return getCustomer(ctx, actor, id);
}

export async function deleteCustomer(ctx: AppContext, actor: Actor, id: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await lockForEdit(trx, scopeFor(ctx, actor, trx), id);
    if (!customerRights(actor, before).canDelete) throw new AppError('forbidden');
    await writer.deleteCustomer(trx, ctx, actor, before);
  });
}

/**
 * The visible, filtered list in batches by keyset, for exports: any size at flat memory and
 * the same cost per batch at any depth.
 */
export async function* iterateCustomers(ctx: AppContext, actor: Actor, query: CustomerListQuery, batchSize = 1000) {
  let cursor: string | undefined;
  for (;;) {
    const page = await listCustomersForExport(ctx, actor, { ...query, cursor, pageSize: batchSize });
    yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

function listCustomersForExport(ctx: AppContext, actor: Actor, query: CustomerListQuery) {
  return listCustomers(ctx, actor, query, { withTotal: false });
}
