import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { hit } from './repo.js';

// Fixed windows kept in the database, so that a limit holds across app processes.

/** Throws 429 with Retry-After once `max` hits fell in the current window. */
export async function enforceRateLimit(ctx: AppContext, key: string, max: number, windowMs: number) {
  const { granted, retryAfterSeconds } = await spend(ctx, key, max, windowMs, 1);
  if (granted === 0) throw rateLimited(retryAfterSeconds);
}

/**
 * Takes up to `n` units from the key's window of `max`; how many it got, and when a refused
 * caller may try again. Safe under concurrency: each caller is granted from the count its own
 * upsert returned.
 */
export async function spend(ctx: AppContext, key: string, max: number, windowMs: number, n: number) {
  const now = ctx.clock.now();
  const { count, windowStart } = await hit(ctx.database.db, key, now.toISOString(), new Date(now.getTime() - windowMs).toISOString(), n);
  const granted = Math.max(0, Math.min(n, max - (count - n)));
  const endsIn = Date.parse(windowStart) + windowMs - now.getTime();
  return { granted, retryAfterSeconds: Math.max(1, Math.ceil(endsIn / 1000)) };
}

export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
}
