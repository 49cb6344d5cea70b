import type { AppContext } from '../../context.js';
import { can, type Actor } from '../../policy/actor.js';
import { rateLimited, spend } from '../ratelimit/service.js';

// One duplicate budget per salesperson, per minute and per day, spent by every path that names
// other people's customers: the live check, a 409 on create or edit, an import row with
// matches. Without it each path would be an oracle the others' limits do not close. The admin
// sees every customer anyway and has no budget.

const MINUTE = 60_000;
const DAY = 86_400_000;

/** How many of `n` units the actor may spend now (all of them for the admin), and when to retry. */
export async function spendDuplicateBudget(ctx: AppContext, actor: Actor, n: number): Promise<{ granted: number; retryAfterSeconds: number }> {
  if (n <= 0 || can(actor, 'customers.admin')) return { granted: n, retryAfterSeconds: 0 };
  const minute = await spend(ctx, `duplicates:minute:${actor.id}`, ctx.config.duplicateChecksPerMinute, MINUTE, n);
  const day = await spend(ctx, `duplicates:day:${actor.id}`, ctx.config.duplicateChecksPerDay, DAY, n);
  const granted = Math.min(minute.granted, day.granted);
  const retryAfterSeconds = Math.max(minute.granted < n ? minute.retryAfterSeconds : 0, day.granted < n ? day.retryAfterSeconds : 0);
  return { granted, retryAfterSeconds };
}

/** Spends one unit, or throws 429 rate_limited with Retry-After. */
export async function requireDuplicateBudget(ctx: AppContext, actor: Actor): Promise<void> {
  const { granted, retryAfterSeconds } = await spendDuplicateBudget(ctx, actor, 1);
  if (granted < 1) throw rateLimited(retryAfterSeconds);
}
