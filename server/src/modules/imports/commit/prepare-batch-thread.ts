import { prepareBatch, type BatchPlan, type PreparedBatch, type ResultRow } from './prepare-batch.js';
import { importThreads } from '../thread/pool.js';

// Preparing a batch (search text, pinyin, grams, log entries) is a large share of an import's
// commit, all JavaScript; writing it is the rest, on the main thread (SQLite's calls are
// synchronous). On a machine with two cores the two can overlap: while batch N is written,
// batch N + 1 is prepared on a worker thread. A small import (one batch) is prepared in place:
// starting the thread costs more than it saves.

export interface PrepareRequest {
  kind: 'prepare';
  results: readonly ResultRow[];
  after: number;
  plan: BatchPlan;
}

export interface BatchPreparer {
  prepare(results: readonly ResultRow[], after: number): Promise<PreparedBatch>;
  close(): Promise<void>;
}

/** Prepares on the calling thread. */
export function inPlacePreparer(plan: BatchPlan): BatchPreparer {
  return {
    prepare: async (results, after) => prepareBatch(results, after, plan),
    close: async () => undefined,
  };
}

/** Prepares on a worker thread, one batch at a time, in the order asked. */
export function threadPreparer(plan: BatchPlan): BatchPreparer {
  const thread = importThreads.take<PrepareRequest, PreparedBatch>('preparing');
  return {
    prepare: (results, after) => thread.call({ kind: 'prepare', results, after, plan }),
    close: () => thread.release(),
  };
}
