// Measures what Chromium really downloads (JS + CSS, gzip) from the login page to an interactive
// customer screen: a real server on a fresh SQLite database serving dist/web, a cold cache, login
// as a salesperson, the home page, then the customer screen by its menu entry.
// Usage: npm run build && npm run bundle:size        (exits 1 when over the 350 kB budget)
import { startServer } from '../../e2e/support/server.js';
import { launchBrowser } from '../../e2e/support/browser.js';
import { seedSalesWithCustomers } from '../../e2e/support/seed.js';
import { budgetBytes, formatReport, measureLoginToCustomers } from '../../e2e/support/transfer.js';

const server = await startServer();
try {
  const user = await seedSalesWithCustomers(server.baseUrl, 3);
  // Each language in a fresh browser profile (a cold cache), as on a first visit.
  for (const locale of ['zh-CN', 'en-US'] as const) {
    const browser = await launchBrowser();
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const report = await measureLoginToCustomers(page, server.baseUrl, user.username, user.password, locale);
      console.log(`==== ${locale}\n${formatReport(report)}`);
      if (report.totalGzip > budgetBytes) process.exitCode = 1;
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
}
