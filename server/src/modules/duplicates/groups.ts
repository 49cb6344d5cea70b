import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../../policy/actor.js';

// STUB: the admin's duplicate groups.

export async function listDuplicateGroups(_ctx: AppContext, _actor: Actor, _page: number, _pageSize: number): Promise<never> {
  throw new AppError('not_found');
}
