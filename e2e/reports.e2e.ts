import { mkdirSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, firstPage, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { ApiSession, dayFromToday, expectMessage, loginHome, menuItem, shootBothLanguages, shootDialog, shots } from './support/ui.js';

const late = '广州市迟付贸易有限公司';
const soon = '杭州市准时电子有限公司';
const other = '成都市李四物流有限公司';

const runs = browserAvailable();

describe.skipIf(!runs)('reports, charts and the dashboard in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startServer();
    const admin = await ApiSession.setup(server.baseUrl);
    await admin.post('/api/users', { username: 'zhangsan', displayName: '张三', role: 'sales', password: 'sales-pass-1' });
    await admin.post('/api/users', { username: 'lisi', displayName: '李四', role: 'sales', password: 'sales-pass-2' });
    const erp = await admin.post('/api/products', { code: 'ERP-1', name: 'ERP 系统', unit: '套', price: '20000.00', annualFee: '2000.00' });
    const crm = await admin.post('/api/products', { code: 'CRM-1', name: 'CRM 系统', unit: '套', price: '8000.00', annualFee: '800.00' });
    const zhangsan = await ApiSession.login(server.baseUrl, 'zhangsan', 'sales-pass-1');
    const lisi = await ApiSession.login(server.baseUrl, 'lisi', 'sales-pass-2');
    // 张三: one customer 100 days late with money owed and an overdue fee; one due in 12 days, paid in full.
    const a = await zhangsan.createCustomer(late, '迟付', { createdOn: dayFromToday(-120) });
    const pa = await zhangsan.post(`/api/customers/${a}/purchases`, { productId: erp.id, quantity: 1, purchasedOn: dayFromToday(-100), annualFeeDueOn: dayFromToday(-5) });
    await zhangsan.post(`/api/customers/${a}/purchases/${pa.id}/payments`, { amount: '5000.00', paidOn: dayFromToday(-90) });
    const b = await zhangsan.createCustomer(soon, '准时');
    const pb = await zhangsan.post(`/api/customers/${b}/purchases`, { productId: crm.id, quantity: 1, purchasedOn: dayFromToday(-20), annualFeeDueOn: dayFromToday(12) });
    await zhangsan.post(`/api/customers/${b}/purchases/${pb.id}/payments`, { amount: '8000.00', paidOn: dayFromToday(-10) });
    await zhangsan.post(`/api/customers/${b}/activities`, { occurredOn: dayFromToday(-3), method: 'phone', content: '确认续费', nextFollowUpOn: dayFromToday(-1) });
    // 李四: owes 8000 since 40 days.
    const c = await lisi.createCustomer(other, '李四物流');
    await lisi.post(`/api/customers/${c}/purchases`, { productId: crm.id, quantity: 1, purchasedOn: dayFromToday(-40) });

    browser = await launchBrowser();
    page = await firstPage(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the dashboard, the annual fees due, the arrears and the charts', async () => {
    // The salesperson's dashboard: their follow-up, fees and arrears only.
    await page.goto(`${server.baseUrl}/login`);
    await loginHome(page, 'zhangsan', 'sales-pass-1');
    await page.getByTestId('dash-followups').getByText(soon).waitFor();
    await page.getByTestId('dash-fees').getByText(late).waitFor();
    await page.getByTestId('dash-arrears').getByText(late).waitFor();
    await page.getByTestId('dash-recent').getByText(soon).first().waitFor();
    await expect(page.getByTestId('dashboard').textContent()).resolves.not.toContain(other);
    await shootBothLanguages(page, 'dashboard');
    // Each item opens the customer.
    await page.getByTestId('dash-arrears').getByText(late).click();
    await page.getByTestId('customer-details').getByText(late).waitFor();
    await page.getByTestId('nav-home').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('dashboard-customers').click();
    await page.getByTestId('customers-page').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-logout').click();

    // The admin's 年费催缴: both fees within 30 days, the overdue one highlighted.
    await loginHome(page, 'admin', 'admin-pass-1');
    await page.getByTestId('nav-reports-annual-fees').click();
    const fees = page.getByTestId('fee-table');
    await fees.getByText(soon).waitFor();
    const overdueRow = fees.locator('tr.kehu-row-overdue');
    await expect(overdueRow.textContent()).resolves.toContain(late);
    await expect(overdueRow.textContent()).resolves.toContain('逾期 5 天');
    await expect(page.getByTestId('fee-totals').textContent()).resolves.toContain('¥2,800.00');
    // Mark the overdue one reminded, with a note.
    await overdueRow.getByTestId('fee-remind').click();
    await page.locator('#reminder-note').fill('已电话通知财务');
    await shootDialog(page, 'reminder-dialog');
    await page.locator('#reminder-ok').click();
    await expectMessage(page, `已标记 ${late} 的“ERP 系统”年费为已催缴`);
    await overdueRow.getByText('已电话通知财务').waitFor();
    // A shorter window leaves out the fee due in 12 days.
    await page.getByTestId('fee-within').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '7 天内' }).click();
    await fees.getByText(soon).waitFor({ state: 'detached' });
    await fees.getByText(late).waitFor();
    await shootBothLanguages(page, 'annual-fees');
    // Export as Excel and CSV.
    await page.getByTestId('fee-export').click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), menuItem(page, '导出 Excel').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(statSync(await xlsx.path()).size).toBeGreaterThan(1000);
    await expectMessage(page, '已导出年费催缴（Excel）');
    await page.locator('.ant-dropdown:visible').waitFor({ state: 'detached' });
    await page.getByTestId('fee-export').click();
    const [csv] = await Promise.all([page.waitForEvent('download'), menuItem(page, '导出 CSV').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    await expectMessage(page, '已导出年费催缴（CSV）');

    // 欠款统计: 15,000 + 8,000 owed, per salesperson and overall; ageing buckets.
    await page.getByTestId('nav-reports-arrears').click();
    const arrears = page.getByTestId('arrears-table');
    await arrears.getByText(other).waitFor();
    await expect(arrears.locator('tr.ant-table-row').filter({ hasText: late }).textContent()).resolves.toContain('¥15,000.00');
    await expect(page.getByTestId('arrears-overall-owed').textContent()).resolves.toBe('¥23,000.00');
    const byOwner = page.getByTestId('arrears-by-owner');
    await expect(byOwner.locator('tr.ant-table-row').filter({ hasText: '张三' }).textContent()).resolves.toContain('¥15,000.00');
    await expect(byOwner.locator('tr.ant-table-row').filter({ hasText: '李四' }).textContent()).resolves.toContain('¥8,000.00');
    await shootBothLanguages(page, 'arrears');
    await page.getByTestId('arrears-export').click();
    const [arrearsXlsx] = await Promise.all([page.waitForEvent('download'), menuItem(page, '导出 Excel').click()]);
    expect(arrearsXlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    await expectMessage(page, '已导出欠款统计（Excel）');

    // Charts: each renders a canvas; one is saved as PNG.
    await page.getByTestId('nav-reports-charts').click();
    for (const key of ['byOwner', 'byAgeing', 'fees', 'newCustomers', 'funnel']) await page.getByTestId(`chart-${key}`).locator('canvas').first().waitFor();
    await page.waitForTimeout(600);
    await shootBothLanguages(page, 'charts');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-byOwner-png').click()]);
    expect(png.suggestedFilename()).toBe('arrears-by-salesperson.png');
    expect(statSync(await png.path()).size).toBeGreaterThan(2000);
    await expectMessage(page, '已导出图表“各业务员欠款”');

    expect(pageErrors).toEqual([]);
  });
});
