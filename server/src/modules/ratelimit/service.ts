import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { hit } from './repo.js';

/**
 * Fixed-window limit kept in the database, so it holds across app processes.
 * Throws 429 with Retry-After once `max` hits fell in the current window.
 */
export async function enforceRateLimit(ctx: AppContext, key: string, max: number, windowMs: number) {
  const now = ctx.clock.now();
  const count = await hit(ctx.database.db, key, now.toISOString(), new Date(now.getTime() - windowMs).toISOString());
  if (count > max) {
    const seconds = Math.ceil(windowMs / 1000);
    throw new AppError('rate_limited', { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
  }
}
