import type { Kysely } from 'kysely';
import type { Change } from '../../../../common/schemas/audit.js';
import type { Customer } from '../../../../common/schemas/customers.js';
import type { MergePreview, MergeRequest } from '../../../../common/schemas/duplicates.js';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, fieldError } from '../../lib/app-error.js';
import { can, type Actor } from '../../policy/actor.js';
import { scopeFor, type CustomerScope } from '../../policy/scope.js';
import { lockVisible, type VisibleCustomer } from '../../policy/visible-customer.js';
import { editableFields } from '../customers/mapper.js';
import { findInRecycleBin } from '../customers/recycle-bin.js';
import { getCustomer, loadVisible, recordsToMove } from '../customers/service.js';
import * as writer from '../customers/writer.js';
import { endGrantsOfCustomers } from '../delegations/service.js';

// The admin folds a duplicate (the source) into the customer that stays (the target): the
// source's records move over, the target's empty fields take the source's values, and the
// source goes to the recycle bin for good. The stores move in writer.mergeCustomer.

/** The target's fields a merge fills when they are empty and the source's are not. */
const fillable = ['industry', 'source', 'region', 'address', 'phone', 'website', 'notes'] as const satisfies readonly (keyof typeof editableFields)[];

type LiveRow = Awaited<ReturnType<typeof loadVisible>>;

function assertMerger(actor: Actor) {
  if (!can(actor, 'customers.admin')) throw new AppError('forbidden');
}

const intoItself = () => fieldError('sourceId', { zh: '不能把客户合并到它自己', en: 'a customer cannot be merged into itself' });
const sourceInBin = () => fieldError('sourceId', { zh: '该客户在回收站中，不能合并', en: 'this customer is in the recycle bin and cannot be merged' });

/** The target's empty fields the source fills: as columns for the writer, and as the log's changes. */
function fillsOf(target: LiveRow, source: LiveRow) {
  const changes: writer.CustomerChanges = {};
  const logged: Change[] = [];
  for (const field of fillable) {
    const column = editableFields[field];
    if (target[column] === '' && source[column] !== '') {
      changes[column] = source[column];
      logged.push({ field, old: target[column], new: source[column] });
    }
  }
  return { changes, logged };
}

type Locked = { live: LiveRow & VisibleCustomer } | { binned: { version: number } } | null;

/** Locks one customer of the pair: live (through the admin's scope), in the recycle bin, or none. */
async function lockOne(trx: Kysely<DB>, scope: CustomerScope, actor: Actor, id: number): Promise<Locked> {
  try {
    return { live: await lockVisible(trx, scope, id, loadVisible) };
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'not_found')) throw error;
  }
  const binned = await findInRecycleBin(trx, actor, id, true);
  return binned ? { binned } : null;
}

/** POST /api/customers/:id/merge: the target, merged. */
export async function mergeCustomers(ctx: AppContext, actor: Actor, targetId: number, input: MergeRequest): Promise<Customer> {
  assertMerger(actor);
  const sourceId = Number(input.sourceId);
  if (sourceId === targetId) throw intoItself();
  await ctx.database.db.transaction().execute(async (trx) => {
    const scope = scopeFor(ctx, actor, trx);
    // Both rows in ascending id order (docs/architecture.md, lock order): two merges of the same
    // pair, either way round, queue on the first lock instead of deadlocking.
    const locked = new Map<number, Locked>();
    for (const id of [targetId, sourceId].sort((a, b) => a - b)) locked.set(id, await lockOne(trx, scope, actor, id));
    const target = locked.get(targetId);
    const source = locked.get(sourceId);
    if (!target || !source) throw new AppError('not_found');
    // The version first: a target merged away since the caller read it is a stale read (409).
    const currentVersion = 'live' in target ? target.live.version : target.binned.version;
    if (currentVersion !== input.version) throw new AppError('stale_version', { currentVersion });
    if (!('live' in target)) throw new AppError('not_found');
    if (!('live' in source)) throw sourceInBin();
    const { changes, logged } = fillsOf(target.live, source.live);
    await endGrantsOfCustomers(trx, ctx, actor, [sourceId]);
    await writer.mergeCustomer(trx, ctx, actor, target.live, source.live, changes, logged);
  });
  return getCustomer(ctx, actor, targetId);
}

/** A live customer as GET /api/customers/:id shows it; 422 for a source in the recycle bin, else 404. */
async function shownForMerge(ctx: AppContext, actor: Actor, id: number, role: 'target' | 'source'): Promise<Customer> {
  try {
    return await getCustomer(ctx, actor, id);
  } catch (error) {
    if (role === 'source' && error instanceof AppError && error.code === 'not_found' && (await findInRecycleBin(ctx.database.db, actor, id, false))) {
      throw sourceInBin();
    }
    throw error;
  }
}

/** GET /api/customers/:id/merge-preview: both customers, the fills and what would move. */
export async function previewMerge(ctx: AppContext, actor: Actor, targetId: number, sourceId: number): Promise<z.infer<typeof MergePreview>> {
  assertMerger(actor);
  if (sourceId === targetId) throw intoItself();
  const target = await shownForMerge(ctx, actor, targetId, 'target');
  const source = await shownForMerge(ctx, actor, sourceId, 'source');
  const fills = fillable.filter((f) => target[f] === '' && source[f] !== '').map((field) => ({ field, value: source[field] }));
  return { target, source, fills, moves: await recordsToMove(ctx, actor, sourceId) };
}
