import { parentPort, Worker } from 'node:worker_threads';

// The import's worker thread (worker.ts): validation checks its rows there
// (validate/check-batch-thread.ts) and the commit prepares its batches there
// (commit/prepare-batch-thread.ts). On a machine with two cores, the JavaScript of a batch runs
// there while the main thread, on which every SQLite call is made, queries or writes the batch
// before it.
//
// Starting a thread is slow (its modules, pinyin's dictionary), and the validation and the
// commit each waited for it before their first batch. So a finished run hands its thread back,
// and a thread is started ahead as soon as an upload looks large (warmThread): validation takes
// it, gives it back, and the commit takes it again. One idle thread is kept, for IDLE_MS, and it
// never keeps the process alive.

type Message<Req> = { id: number; request: Req };
type Reply<Rep> = { id: number; reply: Rep } | { id: number; error: string };

export interface Thread<Req, Rep> {
  call(request: Req): Promise<Rep>;
  /** Done with it: it goes back to the pool, forgetting what it was asked before. */
  release(): Promise<void>;
}

/**
 * The thread's young generation: a validation makes many short-lived substrings of every name
 * while its in-file index keeps growing, and with V8's default semi-spaces each scavenge copied
 * the index's new entries again before they were promoted.
 */
const YOUNG_GENERATION_MB = 192;

/** How long an idle thread is kept for the next run. */
export const IDLE_MS = 120_000;

/**
 * The worker's entry is TypeScript, run by tsx as the server is (`npm start`). Node does not
 * pass the parent's `--import tsx` hooks to a worker, so the worker registers tsx itself
 * before loading its module.
 */
function bootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const url = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`;
}

/** A started worker and its calls in flight. `role` names it in errors ("the import's validation thread stopped"). */
class PooledThread {
  readonly worker = new Worker(bootstrap(), { eval: true, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  private readonly waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  role = 'worker';
  exited = false;

  constructor() {
    this.worker.on('message', (reply: Reply<unknown>) => {
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) w?.reject(new Error(reply.error));
      else w?.resolve(reply.reply);
    });
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.failAll(new Error(`the import's ${this.role} thread stopped (${code})`));
    });
  }

  private failAll(err: Error) {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  call(request: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, request } satisfies Message<unknown>);
    });
  }
}

/** The idle threads of this process; at most `keep`, each stopped after `idleMs` unused. */
export class ThreadPool {
  private idle: { thread: PooledThread; timer: NodeJS.Timeout } | null = null;
  /** Threads started by this pool, for the tests. */
  started = 0;

  constructor(private readonly idleMs = IDLE_MS) {}

  /** Starts a thread for a run expected soon, unless one is idle already. */
  warm(): void {
    if (!this.idle) this.park(this.start());
  }

  /** An idle thread (started or starting), else a new one; `role` names it in errors. */
  take<Req, Rep>(role: string): Thread<Req, Rep> {
    let thread: PooledThread;
    if (this.idle) {
      clearTimeout(this.idle.timer);
      thread = this.idle.thread;
      this.idle = null;
      thread.worker.ref();
    } else {
      thread = this.start();
    }
    thread.role = role;
    let released = false;
    return {
      call: (request) => thread.call(request) as Promise<Rep>,
      release: async () => {
        if (released) return;
        released = true;
        if (thread.exited) return;
        // Dropped there: a validation's in-file index is the size of the file.
        await thread.call({ kind: 'reset' }).catch(() => undefined);
        if (this.idle || thread.exited) await thread.worker.terminate();
        else this.park(thread);
      },
    };
  }

  /** Stops the idle thread (the tests' cleanup). */
  async drain(): Promise<void> {
    const idle = this.idle;
    this.idle = null;
    if (idle) {
      clearTimeout(idle.timer);
      await idle.thread.worker.terminate();
    }
  }

  /** Whether a thread is idle and alive. */
  hasIdle(): boolean {
    return this.idle !== null && !this.idle.thread.exited;
  }

  private start(): PooledThread {
    this.started += 1;
    const thread = new PooledThread();
    // A thread that stops while idle leaves the pool.
    thread.worker.on('exit', () => {
      if (this.idle?.thread === thread) {
        clearTimeout(this.idle.timer);
        this.idle = null;
      }
    });
    return thread;
  }

  private park(thread: PooledThread) {
    thread.role = 'worker';
    thread.worker.unref();
    const timer = setTimeout(() => {
      if (this.idle?.thread !== thread) return;
      this.idle = null;
      void thread.worker.terminate();
    }, this.idleMs);
    timer.unref();
    this.idle = { thread, timer };
  }
}

/** The process's pool of import threads. */
export const importThreads = new ThreadPool();

/** In the worker: answers each request with `handle`, an exception as that request's error. */
export function serveThread<Req, Rep>(handle: (request: Req) => Rep): void {
  parentPort!.on('message', ({ id, request }: Message<Req>) => {
    let reply: Reply<Rep>;
    try {
      reply = { id, reply: handle(request) };
    } catch (err) {
      reply = { id, error: err instanceof Error ? err.message : String(err) };
    }
    parentPort!.postMessage(reply);
  });
}
