import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { clearThrottle, countAttempt, getThrottle, uncountAttempt, type ThrottleRow } from './repo.js';

// Login throttling, kept in the database so that several app processes share it.
//
// Each key (the username string, whether or not it exists, and the client IP) counts attempts
// in a window. An attempt is counted *before* its password is checked, in one statement that
// also blocks the key from the threshold on (the delay doubles up to a maximum), so parallel
// attempts cannot all slip past the check. A right password takes its count back; an attempt
// that never reports (a crash) stays counted as a failure. While blocked, attempts are answered
// 429 without checking the password and without extending the block — so nobody can keep the
// admin out for longer than the maximum delay, and once it has passed a correct password gets in.

export function throttleKeys(username: string, ip: string): { userKey: string; ipKey: string } {
  return { userKey: `user:${username.trim().toLowerCase()}`, ipKey: `ip:${ip}` };
}

export interface ThrottleLimit {
  key: string;
  threshold: number;
}

export interface CountedAttempt {
  key: string;
  row: ThrottleRow;
}

/**
 * Counts one attempt on every key, or none of them and answers 429 if any key is blocked. Call it
 * before checking the secret; then `takeBackAttempt` or `clearAttempts` if the secret was right.
 */
export async function countAttempts(ctx: AppContext, limits: ThrottleLimit[]): Promise<CountedAttempt[]> {
  const now = ctx.clock.now().getTime();
  return ctx.database.db.transaction().execute(async (trx) => {
    const counted: CountedAttempt[] = [];
    for (const { key, threshold } of limits) {
      const row = await countAttempt(trx, key, windowOf(ctx, now), blockSchedule(ctx, threshold, now));
      if (!row) throw rateLimited(ctx, (await getThrottle(trx, [key]))[0]?.blocked_until ?? null);
      counted.push({ key, row });
    }
    return counted;
  });
}

/** For checks too frequent to count up front (bearer tokens): fails fast if blocked, counts failures after. */
export async function assertNotThrottled(ctx: AppContext, keys: string[]) {
  const rows = await getThrottle(ctx.database.db, keys);
  const until = rows.map((r) => r.blocked_until).filter((u) => u !== null).sort().at(-1) ?? null;
  if (until !== null && Date.parse(until) > ctx.clock.now().getTime()) throw rateLimited(ctx, until);
}

/** Counts a failure found after the check; a key blocked meanwhile stays as it is (no extension). */
export async function recordFailure(ctx: AppContext, key: string, threshold: number) {
  const now = ctx.clock.now().getTime();
  await countAttempt(ctx.database.db, key, windowOf(ctx, now), blockSchedule(ctx, threshold, now));
}

/** A right secret: the attempt it counted is taken back, and the block it set lifted. */
export async function takeBackAttempt(ctx: AppContext, attempt: CountedAttempt) {
  await uncountAttempt(ctx.database.db, attempt.key, attempt.row);
}

/** A right password clears the username's count altogether. */
export async function clearAttempts(ctx: AppContext, attempt: CountedAttempt) {
  await clearThrottle(ctx.database.db, attempt.key);
}

function windowOf(ctx: AppContext, now: number) {
  return { now: new Date(now).toISOString(), windowStartedAfter: new Date(now - ctx.config.login.windowMs).toISOString() };
}

/**
 * The block set by counting up to each count, highest first: the threshold-th attempt blocks for
 * the first delay, each further one for twice as long, up to the maximum (the last entry).
 */
function blockSchedule(ctx: AppContext, threshold: number, now: number): Array<{ from: number; until: string }> {
  const { delayMs, maxDelayMs } = ctx.config.login;
  const schedule = [];
  for (let excess = 0, delay = Math.min(delayMs, maxDelayMs); ; excess++, delay = Math.min(delay * 2, maxDelayMs)) {
    schedule.unshift({ from: threshold + excess, until: new Date(now + delay).toISOString() });
    if (delay >= maxDelayMs) return schedule;
  }
}

function rateLimited(ctx: AppContext, blockedUntil: string | null) {
  const waitMs = blockedUntil === null ? 0 : Date.parse(blockedUntil) - ctx.clock.now().getTime();
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('rate_limited', { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
}
