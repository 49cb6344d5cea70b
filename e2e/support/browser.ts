import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

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

export async function launchBrowser(): Promise<TestBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1366, height: 768 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
