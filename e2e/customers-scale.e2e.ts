// A page of 500 customers stays smooth (docs/decisions/0004): from 200 rows a page on, the list is
// virtual, so scrolling through 500 keeps only the rows in view in the DOM. Asserts on the number
// of rendered rows, never on timing; the frame figures of the scroll are printed for the record.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, launchBrowser, type TestBrowser } from './support/browser.js';
import { seedSalesWithCustomers, type Seeded } from './support/seed.js';
import { startServer, type TestServer } from './support/server.js';
import { login, menuItem, shootBothLanguages, shots } from './support/ui.js';

const runs = browserAvailable();
const count = 500;

const table = (page: Page) => page.getByTestId('customer-table');
// The table's frame: the table and its pagination bar.
const listArea = (page: Page) => page.locator('.kehu-customer-table');
const renderedRows = (page: Page) => table(page).locator('.ant-table-row');

/** Keys of the rows now in the DOM (a virtual list renders only those in view). */
const rowKeys = async (page: Page) => (await renderedRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')))).filter((k) => k !== null);

// A requestAnimationFrame sampler in the page: the time of every frame while it runs.
const startFrames = `window.__frames = []; window.__sampling = true;
  (function tick(t) { window.__frames.push(t); if (window.__sampling) requestAnimationFrame(tick); })(performance.now());`;
const stopFrames = `window.__sampling = false; window.__frames`;

function frameStats(times: number[]) {
  const deltas = times.slice(1).map((t, i) => t - (times[i] as number));
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
  return {
    frames: deltas.length,
    ms: Math.round(span),
    fps: Math.round((deltas.length / span) * 1000 * 10) / 10,
    p50: Math.round(at(0.5) * 10) / 10,
    p95: Math.round(at(0.95) * 10) / 10,
    max: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
    over33ms: deltas.filter((d) => d > 33.4).length,
    over50ms: deltas.filter((d) => d > 50).length,
  };
}

describe.skipIf(!runs)('a page of 500 customers', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let user: Seeded;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startServer();
    user = await seedSalesWithCustomers(server.baseUrl, count);
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders only the rows in view, scrolls through all 500, and keeps the menus and double-click', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await login(page, user.username, user.password);
    // 500 a page, through the list's own page-size menu.
    await listArea(page).locator('.ant-pagination-options .ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '500' }).click();
    await table(page).locator('.ant-table-tbody-virtual').waitFor();
    await listArea(page).getByText(`共 ${count} 条`).waitFor();
    await listArea(page).locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    const before = await rowKeys(page);
    expect(before.length).toBeGreaterThan(5);
    expect(before.length).toBeLessThan(100);

    // Scroll to the end with the mouse wheel while sampling frames.
    const box = await table(page).locator('.ant-table-tbody-virtual').boundingBox();
    if (!box) throw new Error('no list body');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(startFrames);
    for (let i = 0; i < 220; i++) {
      await page.mouse.wheel(0, 100);
      await page.waitForTimeout(16);
    }
    await page.waitForTimeout(300);
    const frames = frameStats((await page.evaluate(stopFrames)) as number[]);
    const after = await rowKeys(page);
    console.log(`500-row scroll: ${before.length} rows rendered before, ${after.length} after; frames ${JSON.stringify(frames)}`);
    expect(after.length).toBeLessThan(100);
    // The bottom of the list is in view: the oldest customer (created first) is listed last.
    expect(after).toContain(user.customerIds[0]);
    expect(after).not.toContain(before[0]);

    // The right-click menu and double-click-to-edit work on a virtual row.
    const row = renderedRows(page).filter({ hasText: '规模测试客户003号有限公司' });
    await row.click({ button: 'right' });
    await menuItem(page, '编辑客户').waitFor();
    await page.keyboard.press('Escape');
    await menuItem(page, '编辑客户').waitFor({ state: 'hidden' });
    await row.dblclick();
    await expect(page.locator('#customer-name').inputValue()).resolves.toBe('规模测试客户003号有限公司');
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
    await page.locator('#customer-name').waitFor({ state: 'hidden' });
    await row.click();
    await page.getByTestId('customer-details').getByText('规模测试客户003号有限公司').waitFor();
    await shootBothLanguages(page, 'customers-500');
    expect(pageErrors).toEqual([]);
  });
});
