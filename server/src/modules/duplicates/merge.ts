import type { MergeRequest } from '../../../../common/schemas/duplicates.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../../policy/actor.js';

// STUB: the merge of one customer into another (admin), built on its own branch.

export async function previewMerge(_ctx: AppContext, _actor: Actor, _targetId: number, _sourceId: number): Promise<never> {
  throw new AppError('not_found');
}

export async function mergeCustomers(_ctx: AppContext, _actor: Actor, _targetId: number, _input: MergeRequest): Promise<never> {
  throw new AppError('not_found');
}
