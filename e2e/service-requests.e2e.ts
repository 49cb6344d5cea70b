import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, firstPage, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { ApiSession, dayFromToday, expectMessage, logout, pickOption, rowOf, shootBothLanguages, shootPrintView, shots } from './support/ui.js';

const customer = '杭州西湖智能设备有限公司';
const product = '门禁考勤一体机 K8';
const title = '门禁机无法识别指纹';
const resolution = '更换指纹模块并重新录入 12 名员工的指纹，现场测试正常';

const runs = browserAvailable();

/** Logs in and waits until the application frame is there (whatever the role's home page is). */
async function signIn(page: Page, username: string, password: string) {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

describe.skipIf(!runs)('after-sales service journey in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startServer();
    const admin = await ApiSession.setup(server.baseUrl);
    await admin.post('/api/users', { username: 'zhangsan', displayName: '张三', role: 'sales', password: 'sales-pass-1' });
    await admin.post('/api/users', { username: 'wanggong', displayName: '王工', role: 'staff', password: 'staff-pass-1' });
    const { id: productId } = await admin.post('/api/products', { code: 'K8', name: product, unit: '台', price: '3680.00' });
    const zhangsan = await ApiSession.login(server.baseUrl, 'zhangsan', 'sales-pass-1');
    const cid = await zhangsan.createCustomer(customer, '西湖智能', { phone: '0571-87000000', address: '杭州市西湖区文三路 90 号' });
    await zhangsan.post(`/api/customers/${cid}/contacts`, { name: '陈经理', title: '行政经理', mobile: '13905710000', isPrimary: true });
    await zhangsan.post(`/api/customers/${cid}/contacts`, { name: '小刘', title: '前台', phone: '0571-87000001' });
    await zhangsan.post(`/api/customers/${cid}/purchases`, { productId, quantity: 2, purchasedOn: dayFromToday(-60) });

    browser = await launchBrowser();
    page = await firstPage(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reports a request, the assigned engineer resolves it on the service desk, the salesperson closes and prints it', async () => {
    // The salesperson records the request in the customer's 售后服务 tab and assigns it to 王工.
    await page.goto(`${server.baseUrl}/login`);
    await signIn(page, 'zhangsan', 'sales-pass-1');
    await page.getByTestId('nav-customers').click();
    await rowOf(page, customer).click();
    await page.getByTestId('tab-service').click();
    const tab = page.getByTestId('service-tab');
    await tab.getByText('没有服务请求').waitFor();
    await page.getByTestId('service-add').click();
    await page.locator('#service-title').fill(title);
    await page.locator('#service-description').fill('前台门禁机自周一起无法识别任何员工的指纹，刷卡正常。');
    await pickOption(page, '#service-priority', '高');
    await pickOption(page, '#service-purchase', product);
    await pickOption(page, '#service-contact', '陈经理');
    await pickOption(page, '#service-assignee', '王工');
    await page.locator('#service-form-ok').click();
    await expectMessage(page, `已登记服务请求 ${title}（${customer}）`);
    const row = tab.locator('tr.ant-table-row').filter({ hasText: title });
    await row.waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain('王工');
    expect(rowText).toContain('新建');
    expect(rowText).toContain(product);
    // Only the legal next move is offered.
    await expect(row.getByTestId('service-move-in_progress').count()).resolves.toBe(1);
    await expect(row.getByTestId('service-move-closed').count()).resolves.toBe(0);
    await shootBothLanguages(page, 'service-tab');
    // The edit dialog (reopened after switching the language: the mask covers the switch).
    const dialog = {
      open: async () => {
        await row.dblclick();
        await page.locator('#service-title').waitFor();
      },
      close: async () => {
        await page.locator('.ant-modal:visible').getByRole('button', { name: /取\s*消|Cancel/ }).click();
        await page.locator('#service-title').waitFor({ state: 'detached' });
      },
    };
    await dialog.open();
    await expect(page.locator('#service-title').inputValue()).resolves.toBe(title);
    await shootBothLanguages(page, 'service-dialog', dialog);
    await dialog.close();
    await logout(page);

    // 王工 lands on the service desk: the request, the customer's name and contacts, nothing else.
    await signIn(page, 'wanggong', 'staff-pass-1');
    await page.getByTestId('service-desk-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/service-desk');
    await expect(page.getByTestId('nav-customers').count()).resolves.toBe(0);
    const deskRow = page.getByTestId('desk-table').locator('tr.ant-table-row').filter({ hasText: title });
    await deskRow.waitFor();
    await shootBothLanguages(page, 'service-desk-list');
    await deskRow.click();
    const drawer = page.getByTestId('desk-detail');
    await drawer.waitFor();
    await expect(page.getByTestId('desk-customer').textContent()).resolves.toBe(customer);
    const contacts = await page.getByTestId('desk-contacts').textContent();
    expect(contacts).toContain('陈经理');
    expect(contacts).toContain('13905710000');
    expect(contacts).toContain('小刘');
    await shootBothLanguages(page, 'service-desk', {
      open: async () => {
        await deskRow.click();
        await drawer.waitFor();
      },
      close: async () => {
        await page.locator('.ant-drawer-close').click();
        await drawer.waitFor({ state: 'detached' });
      },
    });
    await page.getByTestId('desk-move-in_progress').click();
    await expectMessage(page, `服务请求 ${title} 已改为“处理中”`);
    await page.getByTestId('desk-move-resolved').waitFor();
    await page.locator('#desk-resolution').fill(resolution);
    await page.locator('#desk-timeSpent').fill('90');
    await page.getByTestId('desk-move-resolved').click();
    await expectMessage(page, `服务请求 ${title} 已改为“已解决”`);
    await page.getByTestId('desk-move-closed').waitFor();
    await page.locator('.ant-drawer-close').click();
    // Resolved requests leave the list of open ones.
    await deskRow.waitFor({ state: 'detached' });
    // The customer screen is not his.
    await page.goto(`${server.baseUrl}/customers`);
    await page.locator('.ant-result-403').waitFor();
    await logout(page);

    // The salesperson sees the work, closes the request and prints the service report.
    await signIn(page, 'zhangsan', 'sales-pass-1');
    await page.getByTestId('nav-customers').click();
    await rowOf(page, customer).click();
    await page.getByTestId('tab-service').click();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('已解决');
    await row.getByTestId('service-move-closed').click();
    await expectMessage(page, `服务请求 ${title} 已改为“已关闭”`);
    await row.getByTestId('service-move-reopened').waitFor();
    await row.getByTestId('service-more').click();
    const [printed] = await Promise.all([browser.context.waitForEvent('page'), page.locator('.ant-dropdown:visible').getByTestId('service-print').click()]);
    await printed.getByTestId('print-service').waitFor();
    const text = await printed.getByTestId('print-service').textContent();
    expect(text).toContain(customer);
    expect(text).toContain('陈经理');
    expect(text).toContain(product);
    expect(text).toContain(title);
    expect(text).toContain(resolution);
    expect(text).toContain('客户确认');
    await expect(printed.getByTestId('print-service-time').textContent()).resolves.toBe('1 小时 30 分钟');
    await shootPrintView(printed, 'print-service', async () => {
      await printed.getByTestId('print-service').waitFor();
    });
    await printed.close();
    expect(pageErrors).toEqual([]);
  });
});
