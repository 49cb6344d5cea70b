import { BatchChecker } from '../validate/check-batch.js';
import type { CheckRequest } from '../validate/check-batch-thread.js';
import { prepareBatch } from '../commit/prepare-batch.js';
import type { PrepareRequest } from '../commit/prepare-batch-thread.js';
import { serveThread } from './pool.js';

// The import's worker thread (pool.ts). It serves one run at a time: a validation (one
// BatchChecker, fed the run's batches in turn; validate/check-batch-thread.ts) or a commit (each
// batch prepared by the pure prepareBatch; commit/prepare-batch-thread.ts). `reset` ends the run
// and drops what it kept.

export type ResetRequest = { kind: 'reset' };

let checker: BatchChecker | undefined;
serveThread<CheckRequest | PrepareRequest | ResetRequest, unknown>((request) => {
  switch (request.kind) {
    case 'reset':
      checker = undefined;
      return null;
    case 'prepare':
      return prepareBatch(request.results, request.after, request.plan);
    case 'start':
      checker = new BatchChecker(request.setup);
      return null;
    default:
      if (!checker) throw new Error('the validation thread was not started');
      return request.kind === 'read' ? checker.read(request.staged) : checker.finish(request.batch, request.answers);
  }
});
