// The web app's size budget: the JS + CSS a browser downloads from the login
// page to an interactive customer screen stays within 350 kB gzip, in either language. A size
// assertion on what Chromium really fetched (cold cache), not a timing one. Needs `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { seedSalesWithCustomers, type Seeded } from './support/seed.js';
import { startServer, type TestServer } from './support/server.js';
import { budgetBytes, formatReport, measureLoginToCustomers } from './support/transfer.js';

const runs = browserAvailable();

describe.skipIf(!runs)('web app size budget', () => {
  let server: TestServer;
  let user: Seeded;

  beforeAll(async () => {
    server = await startServer();
    user = await seedSalesWithCustomers(server.baseUrl, 3);
  });

  afterAll(async () => {
    await server?.stop();
  });

  for (const locale of ['zh-CN', 'en-US'] as const) {
    it(`login → customer screen fetches at most ${budgetBytes / 1000} kB gzip of JS + CSS (${locale})`, async () => {
      const browser = await launchBrowser();
      try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        const report = await measureLoginToCustomers(page, server.baseUrl, user.username, user.password, locale);
        console.log(`${locale}\n${formatReport(report)}`);
        // The screen is really there, in its language (the catalogue is fetched on demand).
        await expect(page.getByTestId('app-name').textContent()).resolves.toBe(locale === 'zh-CN' ? '客户管理系统' : 'Kehu CRM');
        // Only the active language's catalogue is fetched.
        expect(report.assets.some((a) => a.path.includes(locale === 'zh-CN' ? '/en-us-' : '/zh-cn-'))).toBe(false);
        expect(report.totalGzip).toBeLessThanOrEqual(budgetBytes);
      } finally {
        await browser.close();
      }
    });
  }
});
