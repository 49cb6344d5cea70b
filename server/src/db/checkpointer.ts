import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// WAL checkpoints off the request path. By default SQLite checkpoints inside the COMMIT that
// pushes the WAL past 1,000 pages. That commit then copies the pages into the database file and
// fsyncs it, on the one thread that serves every request. On this machine, with a write load
// like customer creates, that took commit p99 from ~1.5 to 65 ms and the slowest commit to
// ~1 s. Kehu turns automatic checkpoints off on its connection and lets a worker thread with a
// connection of its own run PASSIVE checkpoints every quarter second. A PASSIVE checkpoint never
// waits for readers or writers: it copies what it can, and the WAL restarts from the top once
// a checkpoint has caught up.

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
parentPort.postMessage({ ready: true });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Starts the checkpoint worker for a database file. `onFailure` is called once if the worker
 * cannot run, so that the caller can turn automatic checkpoints back on.
 */
export function startCheckpointer(path: string, onFailure: (reason: string) => void, intervalMs = 250): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs } });
  // Never keeps the process alive by itself.
  worker.unref();
  let failed = false;
  const fail = (reason: string) => {
    if (failed) return;
    failed = true;
    onFailure(reason);
  };
  let stopped: (() => void) | undefined;
  worker.on('message', (m: { error?: string; stopped?: boolean }) => {
    if (m.error) fail(m.error);
    if (m.stopped) stopped?.();
  });
  worker.on('error', (err) => fail(err.message));
  worker.on('exit', () => {
    stopped?.();
    if (!stopped) fail('checkpoint worker exited');
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        let finished = false;
        const done = () => {
          if (finished) return;
          finished = true;
          clearTimeout(timeout);
          void worker.terminate().then(() => resolve());
        };
        // A worker stuck on a busy database is terminated rather than waited for.
        const timeout = setTimeout(done, 2000);
        stopped = done;
        worker.postMessage('stop');
      }),
  };
}
