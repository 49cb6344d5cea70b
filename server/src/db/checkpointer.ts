import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// WAL checkpoints off the request path. By default SQLite checkpoints inside the COMMIT that
// pushes the WAL past 1,000 pages. That commit then copies the pages into the database file and
// fsyncs it, on the one thread that serves every request. Kehu turns automatic checkpoints off on
// its connection and lets a worker thread with a connection of its own run PASSIVE checkpoints
// every quarter second. A PASSIVE checkpoint never waits for readers or writers: it copies what
// it can, and the WAL restarts from the top only if a commit finds it wholly copied.
//
// Under sustained writes that never happens (a new commit always lands during the copy), so the
// WAL would grow for as long as the writes last. Once it passes `restartBytes` the worker follows
// its PASSIVE checkpoint with a RESTART one: that takes the write lock, copies the few frames
// committed since, and waits for readers to leave the WAL, so that the next commit restarts it;
// journal_size_limit then truncates the file back. The app's transactions take turns with it
// through a `TransactionGate`: the worker lets the transaction in progress end, and the next ones
// wait on the event loop until the RESTART is done (in SQLite's busy handler they would block
// the thread, and sleep on past its end). docs/decisions/0014-bounded-sqlite-wal.md.

/** Default WAL size, in MiB, past which the worker restarts the WAL. */
export const WAL_RESTART_MIB = 64;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { intervalMs, restartBytes, busyMs, txnWaitMs } = workerData;
const [HOLD, IN_TRANSACTION] = [0, 1];
const gate = new Int32Array(workerData.gate);
const db = new Database(workerData.path);
// Short: while a RESTART waits for readers, it holds the write lock, and transactions wait for it.
db.pragma('busy_timeout = ' + busyMs);
db.pragma('journal_size_limit = ' + restartBytes);
const frameBytes = db.pragma('page_size', { simple: true }) + 24;
let retryAt = 0;
let backoffMs = 0;
let restartedAt = -1;
const isBusy = (err) => /^SQLITE_(BUSY|LOCKED)/.test(String(err && err.code));
const restartIfLarge = (first) => {
  if (first.log * frameBytes < restartBytes || Date.now() < retryAt) return;
  // Restarted already, and no commit since to reuse the WAL from the top.
  if (first.log === restartedAt) return;
  // Copies what was committed during the first one, so that the RESTART has little left to copy.
  const passive = db.pragma('wal_checkpoint(PASSIVE)')[0];
  // A reader holds a snapshot older than the WAL's end (the PASSIVE had to stop at it): a RESTART
  // would wait for it in vain, holding up the writers meanwhile.
  if (passive.checkpointed < passive.log) return;
  let busy = true;
  Atomics.store(gate, HOLD, 1);
  try {
    // No transaction begins from now on; the one in progress, if any, may end first.
    if (Atomics.wait(gate, IN_TRANSACTION, 1, txnWaitMs) !== 'timed-out') {
      const r = db.pragma('wal_checkpoint(RESTART)')[0];
      busy = r.busy !== 0;
      if (!busy) restartedAt = r.log;
    }
  } catch (err) {
    if (!isBusy(err)) throw err;
  } finally {
    Atomics.store(gate, HOLD, 0);
    Atomics.notify(gate, HOLD);
  }
  // Busy: retried later, waiting longer each time, so that a busy database is not held up often.
  backoffMs = busy ? Math.min(Math.max(2 * backoffMs, intervalMs), 16 * intervalMs) : 0;
  retryAt = Date.now() + backoffMs;
};
const checkpoint = () => {
  try {
    restartIfLarge(db.pragma('wal_checkpoint(PASSIVE)')[0]);
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
};
const timer = setInterval(checkpoint, intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
parentPort.postMessage({ ready: true });
`;

/** How the connection's transactions take turns with the worker's RESTART checkpoints. */
export interface TransactionGate {
  /** To await before BEGIN: resolves once no RESTART is in progress. */
  beforeBegin(): Promise<unknown> | undefined;
  /** After BEGIN, and after its COMMIT or ROLLBACK. */
  began(): void;
  ended(): void;
}

export interface Checkpointer {
  gate: TransactionGate;
  stop(): Promise<void>;
}

/** A RESTART lets the transaction in progress run this long before it gives up for now. */
const TXN_WAIT_MS = 2000;
/** A transaction waits no longer than this for a RESTART, then lets SQLite's locks decide. */
const MAX_HOLD_MS = 5000;

// Atomics.waitAsync is in Node 20 but not in the ES2023 library types.
const atomics = Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number, timeoutMs: number): { async: boolean; value: Promise<unknown> | string };
};

export interface CheckpointerOptions {
  /** WAL size past which the worker restarts the WAL (and to which a restarted WAL is cut back). */
  restartBytes?: number;
  intervalMs?: number;
  /** How long a RESTART may wait for the write lock, and for readers while holding it. */
  busyMs?: number;
}

/**
 * Starts the checkpoint worker for a database file. `onFailure` is called once if the worker
 * cannot run, so that the caller can turn automatic checkpoints back on.
 */
export function startCheckpointer(path: string, onFailure: (reason: string) => void, options: CheckpointerOptions = {}): Checkpointer {
  const { restartBytes = WAL_RESTART_MIB * 1024 * 1024, intervalMs = 250, busyMs = 100 } = options;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // [HOLD, IN_TRANSACTION]: 1 while the worker runs a RESTART; 1 while a transaction is open.
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const workerData = { path, driver, intervalMs, restartBytes, busyMs, txnWaitMs: TXN_WAIT_MS, gate: shared.buffer };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
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
    // A worker ended in a RESTART must not leave transactions waiting.
    Atomics.store(shared, 0, 0);
    Atomics.notify(shared, 0);
    stopped?.();
    if (!stopped) fail('checkpoint worker exited');
  });
  const gate: TransactionGate = {
    beforeBegin: () => {
      if (Atomics.load(shared, 0) === 0) return undefined;
      const wait = atomics.waitAsync(shared, 0, 1, MAX_HOLD_MS);
      return wait.async ? (wait.value as Promise<unknown>) : undefined;
    },
    began: () => Atomics.store(shared, 1, 1),
    ended: () => {
      Atomics.store(shared, 1, 0);
      Atomics.notify(shared, 1);
    },
  };
  return {
    gate,
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
