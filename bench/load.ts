// The HTTP driver: a keep-alive client on node:http, latency runs (p50 / p99) and
// fixed-count throughput runs at a given concurrency. No dependency.

import http from 'node:http';

export interface Reply {
  status: number;
  text: string;
  ms: number;
}

export class TimeoutError extends Error {}

export class Client {
  private agent: http.Agent;
  constructor(
    private host: string,
    private port: number,
    maxSockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(
    method: string,
    path: string,
    options: { cookie?: string; body?: unknown; sink?: (chunk: Buffer) => void; timeoutMs?: number } = {},
  ): Promise<Reply> {
    const started = performance.now();
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string | number> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => (options.sink ? options.sink(c) : chunks.push(c)));
        res.on('end', () => {
          const reply = { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started };
          (reply as Reply & { headers?: http.IncomingHttpHeaders }).headers = res.headers;
          resolve(reply);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (options.timeoutMs) {
        req.setTimeout(options.timeoutMs, () => req.destroy(new TimeoutError(`no answer within ${options.timeoutMs} ms`)));
      }
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** Logs in and returns the session cookie. */
  async login(username: string, password: string): Promise<string> {
    const res = (await this.request('POST', '/api/auth/login', { body: { username, password } })) as Reply & { headers: http.IncomingHttpHeaders };
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('kehu_session='));
    if (!cookie) throw new Error(`login ${username}: no session cookie`);
    return cookie.split(';')[0]!;
  }

  close() {
    this.agent.destroy();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export interface LatencyResult {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  errors: number;
  firstError?: string;
  /** The run stopped at a request that got no answer in time. */
  timedOut?: boolean;
}

/** One unit of work; throws (or returns false-y status) on failure. */
export type Op = (i: number) => Promise<void>;

/**
 * Runs `op` n times after a warm-up, `concurrency` at a time, and reports the latency of each
 * call. Stops early (with fewer samples, reported as n) once `maxSeconds` have passed.
 */
export async function latency(op: Op, o: { n: number; concurrency?: number; warmup?: number; maxSeconds?: number; minN?: number }): Promise<LatencyResult> {
  const concurrency = o.concurrency ?? 1;
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let timedOut = false;
  for (let i = 0; i < (o.warmup ?? 5) && !timedOut; i++) {
    await op(-1 - i).catch((err) => {
      if (err instanceof TimeoutError) {
        timedOut = true;
        errors++;
        firstError = err.message;
      }
    });
  }
  let next = 0;
  const deadline = performance.now() + (o.maxSeconds ?? Infinity) * 1000;
  const minN = o.minN ?? o.n;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (timedOut || i >= o.n || (i >= minN && performance.now() > deadline)) return;
      const t = performance.now();
      try {
        await op(i);
        samples.push(performance.now() - t);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
        if (err instanceof TimeoutError) timedOut = true;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  samples.sort((a, b) => a - b);
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.reduce((s, x) => s + x, 0) / (samples.length || 1),
    max: samples.at(-1) ?? NaN,
    errors,
    firstError,
    timedOut,
  };
}

export interface ThroughputResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `requests` calls of `op`, `concurrency` in flight at all times; requests per second. */
export async function throughput(op: Op, o: { requests: number; concurrency: number }): Promise<ThroughputResult> {
  // Warm up the sockets and the server's JIT.
  await latency(op, { n: Math.min(500, o.requests), concurrency: o.concurrency, warmup: 0 });
  const started = performance.now();
  const r = await latency(op, { n: o.requests, concurrency: o.concurrency, warmup: 0 });
  const seconds = (performance.now() - started) / 1000;
  return { requests: r.n, seconds, rps: r.n / seconds, p50: r.p50, p99: r.p99, errors: r.errors };
}

/** Fails the operation unless the reply has the expected status. */
export function expectStatus(res: Reply, ...ok: number[]): Reply {
  if (!ok.includes(res.status)) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
  return res;
}
