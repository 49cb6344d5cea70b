import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { ApiSession, expectMessage, loginHome, shootDialog, shots } from './support/ui.js';

const runs = browserAvailable();

// A salesperson makes a personal API token in the UI, an integration uses it, then it is revoked.
describe.skipIf(!runs)('personal API tokens in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startServer();
    const admin = await ApiSession.setup(server.baseUrl);
    await admin.post('/api/users', { username: 'zhangsan', displayName: '张三', role: 'sales', password: 'sales-pass-1' });
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${server.baseUrl}/login`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a token shown once, which works as the user until revoked', async () => {
    await loginHome(page, 'zhangsan', 'sales-pass-1');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-api-tokens').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '我的 API 令牌' });
    await dialog.getByLabel('名称').fill('ERP 同步');
    await dialog.getByRole('button', { name: '创建令牌' }).click();
    await expectMessage(page, '已创建 API 令牌 ERP 同步');
    const token = (await page.getByTestId('new-token').innerText()).trim();
    expect(token).toMatch(/^kehu_/);
    await shootDialog(page, 'api-tokens');

    const me = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { username: string }).username).toBe('zhangsan');

    // antd puts a space between the two characters of a two-character button label.
    await dialog.getByRole('button', { name: /撤\s*销/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await expectMessage(page, '已撤销 API 令牌 ERP 同步');
    const after = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });
});
