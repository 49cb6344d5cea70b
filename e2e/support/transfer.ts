// What a browser downloads (JS + CSS, gzip) from the login page to an interactive customer screen.
// Shared by the budget test (e2e/bundle-budget.e2e.ts) and `npm run bundle:size`.
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/**
 * The web app's bundle budget (docs/decisions/0004): gzip JS + CSS, login → customer screen.
 * 1 kB = 1000 bytes.
 */
export const budgetBytes = 350_000;

export interface Asset {
  path: string;
  phase: Phase;
  /** Bytes as served (after any Content-Encoding the server chose). */
  sentBytes: number;
  /** Uncompressed bytes. */
  rawBytes: number;
  /** gzip size: the server's own gzip transfer size when it compressed, else zlib level 9 of the body. */
  gzipBytes: number;
  contentEncoding: string | null;
}

export type Phase = 'login' | 'home' | 'customers';

export interface TransferReport {
  assets: Asset[];
  totalGzip: number;
  /** How the gzip sizes were obtained (the server compresses or not). */
  method: string;
}

const isCode = (url: string) => /\.(js|css)(\?|$)/.test(new URL(url).pathname);

/** Resolves once no JS/CSS request has been pending or started for `quietMs` (lazy chunks fetched on mount). */
async function codeQuiet(page: Page, pending: () => number, lastStart: () => number, quietMs = 600): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (pending() === 0 && Date.now() - lastStart() >= quietMs) return;
    await page.waitForTimeout(100);
  }
  throw new Error('JS/CSS downloads did not settle within 30 s');
}

/**
 * Drives a fresh (cold-cache) page from /login through the home page (where login lands) to the
 * customer screen by its menu entry, as a salesperson does, and sums every JS/CSS response. The
 * screen counts as interactive once its list rows show and no JS/CSS download is pending.
 */
export async function measureLoginToCustomers(page: Page, baseUrl: string, username: string, password: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<TransferReport> {
  // The language as a returning user left it (the app remembers it in localStorage).
  await page.addInitScript(`localStorage.setItem('kehu.locale', ${JSON.stringify(locale)})`);
  let phase: Phase = 'login';
  let pending = 0;
  let lastStart = Date.now();
  const reads: Promise<Asset>[] = [];
  page.on('request', (req) => {
    if (isCode(req.url())) {
      pending++;
      lastStart = Date.now();
    }
  });
  const settle = () => {
    pending--;
  };
  page.on('requestfailed', (req) => {
    if (isCode(req.url())) settle();
  });
  page.on('response', (res) => {
    if (!isCode(res.url())) return;
    const at = phase;
    reads.push(
      (async () => {
        try {
          const body = await res.body();
          const sizes = await res.request().sizes();
          const encoding = (await res.headerValue('content-encoding')) ?? null;
          const gzipped = encoding === 'gzip';
          return {
            path: new URL(res.url()).pathname,
            phase: at,
            sentBytes: sizes.responseBodySize,
            rawBytes: body.length,
            gzipBytes: gzipped ? sizes.responseBodySize : gzipSync(body, { level: 9 }).length,
            contentEncoding: encoding,
          };
        } finally {
          settle();
        }
      })(),
    );
  });

  await page.goto(`${baseUrl}/login`);
  await page.locator('#login-username').waitFor();
  await codeQuiet(page, () => pending, () => lastStart);
  phase = 'home';
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
  await codeQuiet(page, () => pending, () => lastStart);
  phase = 'customers';
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customer-table').locator('.ant-table-row').first().waitFor();
  await codeQuiet(page, () => pending, () => lastStart);

  const assets = await Promise.all(reads);
  const encodings = [...new Set(assets.map((a) => a.contentEncoding ?? 'none'))];
  const method = encodings.every((e) => e === 'none')
    ? 'served uncompressed; gzip size = zlib level 9 of each fetched body'
    : `served with Content-Encoding ${encodings.join('/')}; gzip = bytes sent when gzip, else zlib level 9 of the body`;
  return { assets, totalGzip: assets.reduce((n, a) => n + a.gzipBytes, 0), method };
}

/** A table of the assets by phase, largest first, and the total against the budget. */
export function formatReport(r: TransferReport): string {
  const kb = (n: number) => (n / 1000).toFixed(1).padStart(7);
  const lines: string[] = [];
  for (const phase of ['login', 'home', 'customers'] as const) {
    const of = r.assets.filter((a) => a.phase === phase).sort((a, b) => b.gzipBytes - a.gzipBytes);
    lines.push(`-- ${phase}: ${of.length} files, ${kb(of.reduce((n, a) => n + a.gzipBytes, 0)).trim()} kB gzip`);
    for (const a of of) lines.push(`${kb(a.gzipBytes)} kB gzip ${kb(a.rawBytes)} kB raw  ${a.path}`);
  }
  lines.push(`${kb(r.totalGzip)} kB gzip total, login → customer screen (budget ${budgetBytes / 1000} kB; 1 kB = 1000 bytes)`);
  lines.push(`method: ${r.method}`);
  return lines.join('\n');
}
