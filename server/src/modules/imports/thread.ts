import { parentPort, Worker } from 'node:worker_threads';

// A worker thread that answers requests one at a time, in the order they were sent: the
// import's preparing thread (prepare-worker.ts) and its validation thread (check-worker.ts).
// On a machine with two cores, the JavaScript of an import's batch runs there while the main
// thread, on which every SQLite call is made, queries or writes the batch before it.

type Message<Req> = { id: number; request: Req };
type Reply<Rep> = { id: number; reply: Rep } | { id: number; error: string };

export interface Thread<Req, Rep> {
  call(request: Req): Promise<Rep>;
  close(): Promise<void>;
}

/**
 * The worker's entry is TypeScript, run by tsx as the server is (`npm start`). Node does not
 * pass the parent's `--import tsx` hooks to a worker, so the worker registers tsx itself
 * before loading its module.
 */
function bootstrap(entry: string): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const url = new URL(`./${entry}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`;
}

/** Starts the worker whose module (beside this one) is `entry`. A request that fails rejects its call only. */
export function startThread<Req, Rep>(entry: 'prepare-worker' | 'check-worker', name: string): Thread<Req, Rep> {
  const worker = new Worker(bootstrap(entry), { eval: true });
  const waiting = new Map<number, { resolve: (r: Rep) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (reply: Reply<Rep>) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) w?.reject(new Error(reply.error));
    else w?.resolve(reply.reply);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the import's ${name} thread stopped (${code})`)));
  return {
    call(request) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, request } satisfies Message<Req>);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

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
