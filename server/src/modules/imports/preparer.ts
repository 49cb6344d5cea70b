import { Worker } from 'node:worker_threads';
import { prepareBatch, type BatchPlan, type PreparedBatch, type ResultRow } from './prepare.js';

// Preparing a batch (search text, pinyin, grams, log entries) is a third of an import's commit,
// all JavaScript; writing it is the rest, on the main thread (SQLite's calls are synchronous).
// On a machine with two cores the two can overlap: while batch N is written, batch N + 1 is
// prepared on a worker thread. A small import (one batch) is prepared in place: starting the
// thread costs more than it saves.

export interface PrepareJob {
  id: number;
  results: readonly ResultRow[];
  after: number;
  plan: BatchPlan;
}

export type PrepareReply = { id: number; batch: PreparedBatch } | { id: number; error: string };

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

/**
 * The worker's entry is TypeScript, run by tsx as the server is (`npm start`). Node does not
 * pass the parent's `--import tsx` hooks to a worker, so the worker registers tsx itself
 * before loading its module.
 */
function bootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL(`./prepare-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
}

/** Prepares on a worker thread, one batch at a time, in the order asked. */
export function threadPreparer(plan: BatchPlan): BatchPreparer {
  const worker = new Worker(bootstrap(), { eval: true });
  const waiting = new Map<number, { resolve: (b: PreparedBatch) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (reply: PrepareReply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) w?.reject(new Error(reply.error));
    else w?.resolve(reply.batch);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the import's preparing thread stopped (${code})`)));
  return {
    prepare(results, after) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, results, after, plan } satisfies PrepareJob);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
