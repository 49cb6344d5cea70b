import { afterEach, describe, expect, it } from 'vitest';
import { ThreadPool } from './pool.js';

// The pool of import threads: a thread started ahead (warm) is the one a run takes; a finished
// run's thread waits for the next run, forgetting the last one, and stops when left idle.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('import thread pool', () => {
  let pool: ThreadPool;
  afterEach(async () => {
    await pool.drain();
  });

  it('hands the thread started ahead to the next run, and a released one to the run after', async () => {
    pool = new ThreadPool(60_000);
    pool.warm();
    pool.warm();
    expect(pool.started).toBe(1);
    const first = pool.take<unknown, unknown>('validation');
    expect(pool.hasIdle()).toBe(false);
    await first.call({ kind: 'reset' });
    await first.release();
    expect(pool.hasIdle()).toBe(true);
    const second = pool.take<unknown, unknown>('preparing');
    await second.call({ kind: 'reset' });
    expect(pool.started).toBe(1);
    // Two runs at once: the second gets a thread of its own; one is kept idle afterwards.
    const third = pool.take<unknown, unknown>('validation');
    expect(pool.started).toBe(2);
    await third.call({ kind: 'reset' });
    await second.release();
    await third.release();
    expect(pool.hasIdle()).toBe(true);
  });

  it('forgets the run before: a validation must start again on a thread taken anew', async () => {
    pool = new ThreadPool(60_000);
    const run = pool.take<unknown, unknown>('validation');
    await run.call({ kind: 'start', setup: { importId: 1, mapping: ['name', 'keyword'], lookups: {} } });
    await run.release();
    const next = pool.take<unknown, unknown>('validation');
    await expect(next.call({ kind: 'read', staged: [] })).rejects.toThrow(/not started/);
    expect(pool.started).toBe(1);
  });

  it('stops a thread left idle', async () => {
    pool = new ThreadPool(50);
    const run = pool.take<unknown, unknown>('preparing');
    await run.call({ kind: 'reset' });
    await run.release();
    expect(pool.hasIdle()).toBe(true);
    await sleep(300);
    expect(pool.hasIdle()).toBe(false);
    const again = pool.take<unknown, unknown>('preparing');
    expect(pool.started).toBe(2);
    await again.release();
  });
});
