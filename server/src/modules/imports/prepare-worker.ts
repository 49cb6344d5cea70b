import { parentPort } from 'node:worker_threads';
import { prepareBatch } from './prepare.js';
import type { PrepareJob, PrepareReply } from './preparer.js';

// The thread that prepares an import's next batch while the main thread writes the current one
// (preparer.ts). prepareBatch is pure, so it runs here unchanged.
parentPort!.on('message', (job: PrepareJob) => {
  let reply: PrepareReply;
  try {
    reply = { id: job.id, batch: prepareBatch(job.results, job.after, job.plan) };
  } catch (err) {
    reply = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
