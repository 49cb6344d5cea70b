import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { businessTimeZone } from './ui.js';

export const chromiumPath = '/usr/bin/chromium';

/**
 * Whether browser tests can run. Without Chromium they are skipped locally with a message, but
 * on CI (where `.ci/run` installs it) a missing browser is a failure, never a silent skip.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  const msg = `Chromium not found at ${chromiumPath}; install it with: apt-get install -y chromium fonts-noto-cjk`;
  if (process.env.CI) throw new Error(`${msg} (CI is set: browser tests must run)`);
  console.warn(`SKIPPING browser tests: ${msg}`);
  return false;
}

export interface TestBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** What a failed test prints: the open contexts, and per page its recent errors and API answers. */
export const launched = new Set<BrowserContext>();
export const pageJournal = new WeakMap<Page, string[]>();
const journalLength = 30;

function watch(page: Page) {
  const journal: string[] = [];
  pageJournal.set(page, journal);
  const note = (line: string) => {
    journal.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (journal.length > journalLength) journal.shift();
  };
  page.on('pageerror', (e) => note(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') note(`console.${m.type()}: ${m.text().slice(0, 300)}`);
  });
  page.on('requestfailed', (r) => note(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  // A write is noted when it leaves too: one still unanswered at the failure shows as sent, not as never made.
  page.on('request', (r) => {
    if (r.method() !== 'GET' && r.url().includes('/api/')) note(`${r.method()} ${new URL(r.url()).pathname} sent`);
  });
  page.on('response', (r) => {
    if (r.url().includes('/api/')) note(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
  });
}

export async function launchBrowser(): Promise<TestBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1366, height: 768 },
    // A team in China: the browser's today is the server's business date (ui.ts dayFromToday).
    timezoneId: businessTimeZone,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  launched.add(context);
  for (const page of context.pages()) watch(page);
  context.on('page', watch);
  return {
    context,
    close: async () => {
      launched.delete(context);
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The browser's first page. Uncaught page errors and Content Security Policy violations go into
 * `errors`, which a journey expects empty at its end: the built app must run under the server's
 * CSP.
 */
export async function firstPage(browser: TestBrowser, errors: string[]): Promise<Page> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return page;
}
