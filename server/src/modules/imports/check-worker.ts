import { BatchChecker } from './check.js';
import type { CheckRequest } from './checker.js';
import { serveThread } from './thread.js';

// The validation thread (checker.ts): one BatchChecker per run, fed the run's batches in turn.
let checker: BatchChecker | undefined;
serveThread<CheckRequest, unknown>((request) => {
  if (request.kind === 'start') {
    checker = new BatchChecker(request.setup);
    return null;
  }
  if (!checker) throw new Error('the validation thread was not started');
  return request.kind === 'read' ? checker.read(request.staged) : checker.finish(request.batch, request.answers);
});
