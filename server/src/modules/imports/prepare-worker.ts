import { prepareBatch, type PreparedBatch } from './prepare.js';
import type { PrepareJob } from './preparer.js';
import { serveThread } from './thread.js';

// The thread that prepares an import's next batch while the main thread writes the current one
// (preparer.ts). prepareBatch is pure, so it runs here unchanged.
serveThread<PrepareJob, PreparedBatch>((job) => prepareBatch(job.results, job.after, job.plan));
