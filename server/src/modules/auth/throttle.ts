import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { clearThrottle, getThrottle, incrementFailures, setBlockedUntil, startWindow } from './repo.js';

// Login throttling, kept in the database so that several app processes share it.
//
// Each key (the username string, whether or not it exists, and the client IP) counts failures
// in a window. From the threshold on, every further failure blocks the key for a delay that
// doubles up to a maximum. While blocked, attempts are answered 429 *without* checking the
// password and without extending the block — so nobody can keep the admin out for longer than
// the maximum delay, and once it has passed a correct password gets in.

export function throttleKeys(username: string, ip: string): { userKey: string; ipKey: string } {
  return { userKey: `user:${username.trim().toLowerCase()}`, ipKey: `ip:${ip}` };
}

export async function assertNotThrottled(ctx: AppContext, keys: string[]) {
  const now = ctx.clock.now().getTime();
  const rows = await getThrottle(ctx.database.db, keys);
  let waitMs = 0;
  for (const row of rows) {
    if (row.blocked_until) waitMs = Math.max(waitMs, Date.parse(row.blocked_until) - now);
  }
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError('rate_limited', { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
  }
}

export async function recordFailure(ctx: AppContext, key: string, threshold: number) {
  const { db } = ctx.database;
  const { windowMs, delayMs, maxDelayMs } = ctx.config.login;
  const now = ctx.clock.now();
  const windowStartedAfter = new Date(now.getTime() - windowMs).toISOString();
  let failures = await incrementFailures(db, key, windowStartedAfter);
  if (failures === null) {
    await startWindow(db, key, now.toISOString());
    failures = 1;
  }
  if (failures >= threshold) {
    const excess = Math.min(failures - threshold, 20);
    const delay = Math.min(delayMs * 2 ** excess, maxDelayMs);
    await setBlockedUntil(db, key, new Date(now.getTime() + delay).toISOString());
  }
}

export async function recordSuccess(ctx: AppContext, key: string) {
  await clearThrottle(ctx.database.db, key);
}
