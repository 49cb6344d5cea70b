import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { can, type Actor } from '../../policy/actor.js';
import { scopeFor } from '../../policy/scope.js';
import * as repo from './groups-repo.js';

// The admin's duplicate groups: live customers sharing a normalised keyword or a company core,
// largest groups first, so a team that imported years of spreadsheets can clean up.

/** Customers listed per group; the group's count is always the full one. */
const LISTED_PER_GROUP = 50;

export async function listDuplicateGroups(ctx: AppContext, actor: Actor, page: number, pageSize: number) {
  if (!can(actor, 'customers.admin')) throw new AppError('forbidden');
  const { db } = ctx.database;
  const scope = scopeFor(ctx, actor);
  const [rows, total] = await Promise.all([repo.groupPage(db, (page - 1) * pageSize, pageSize), repo.groupCount(db)]);
  const items = [];
  for (const g of rows) {
    const customers = await repo.groupCustomers(scope, g.reason, g.key, LISTED_PER_GROUP);
    items.push({
      reason: g.reason,
      key: g.key,
      customerCount: Number(g.customers),
      customers: customers.map((c) => ({ id: String(c.id), name: c.name, keyword: c.keyword, ownerName: c.owner_name, createdOn: c.created_on })),
    });
  }
  return { items, total, totalExact: true, page, pageSize, nextCursor: null };
}
