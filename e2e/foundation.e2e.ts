import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, firstPage, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

const shots = join(import.meta.dirname, 'screenshots');
const hostileName = '王销售 <img src=x onerror=alert(1)>';

async function setLanguage(page: Page, lang: 'zh' | 'en') {
  await page.locator('.ant-segmented').getByText(lang === 'en' ? 'English' : '中文', { exact: true }).click();
}

/** Screenshots the current screen in Chinese and in English (opening any overlay again after switching), ending in Chinese. */
async function shootBothLanguages(page: Page, name: string, overlay?: { open: () => Promise<void>; close: () => Promise<void> }) {
  // Let opening animations (dialogs, drawers, menus fading out) finish before each picture.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, `${name}.zh-CN.png`) });
  if (overlay) await overlay.close();
  await setLanguage(page, 'en');
  if (overlay) await overlay.open();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, `${name}.en-US.png`) });
  if (overlay) await overlay.close();
  await setLanguage(page, 'zh');
  if (overlay) await overlay.open();
}

async function login(page: Page, username: string, password: string) {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await page.locator('#login-username').waitFor();
}

const runs = browserAvailable();

describe.skipIf(!runs)('foundation journey in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startServer();
    // The built app must reach anonymous visitors (index.html and its assets), else nothing below can work.
    const index = await fetch(`${server.baseUrl}/login`);
    if (index.status !== 200 || !(index.headers.get('content-type') ?? '').includes('text/html')) {
      throw new Error(`GET /login answered ${index.status} ${index.headers.get('content-type')}: the server does not serve the web app to anonymous visitors (run npm run build)`);
    }
    browser = await launchBrowser();
    page = await firstPage(browser, pageErrors);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up, manages staff, and lets a salesperson change their password', async () => {
    // First run: every path leads to the setup page.
    await page.goto(`${server.baseUrl}/staff`);
    await page.locator('#setup-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/setup');
    await expect(page.getByText('初始化系统').count()).resolves.toBeGreaterThan(0);
    await shootBothLanguages(page, 'setup');

    await page.locator('#setup-username').fill('admin');
    await page.locator('#setup-displayName').fill('张管理');
    await page.locator('#setup-password').fill('admin-pass-1');
    await page.locator('#setup-passwordConfirm').fill('admin-pass-1');
    await page.getByTestId('setup-submit').click();
    // The dashboard is the home page of administrators and salespeople.
    await page.getByTestId('dashboard').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('张管理');
    await expect(page.getByTestId('message-text').textContent()).resolves.toContain('张管理');

    // The admin sees the staff and audit entries and creates a salesperson.
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await page.getByTestId('staff-page').waitFor();
    await page.getByTestId('staff-create').click();
    await page.locator('#user-username').fill('sales1');
    await page.locator('#user-displayName').fill(hostileName);
    await page.locator('#user-password').fill('sales-pass-1');
    await page.locator('#user-passwordConfirm').fill('sales-pass-1');
    await page.locator('#user-department').fill('华南销售部');
    await page.locator('#user-form-ok').click();
    await page.getByTestId('staff-table').getByText('sales1', { exact: true }).waitFor();
    await expect(page.getByTestId('message-text').textContent()).resolves.toContain(`已创建用户 ${hostileName}`);
    await expect(page.getByTestId('message-bar').getAttribute('data-type')).resolves.toBe('success');

    // A duplicate username fails with a plain-words message and a field error.
    await page.getByTestId('staff-create').click();
    await page.locator('#user-username').fill('sales1');
    await page.locator('#user-displayName').fill('重复');
    await page.locator('#user-password').fill('sales-pass-1');
    await page.locator('#user-passwordConfirm').fill('sales-pass-1');
    await page.locator('#user-form-ok').click();
    await page.getByTestId('message-bar').and(page.locator('[data-type="error"]')).waitFor();
    await expect(page.getByTestId('message-text').textContent()).resolves.toContain('创建用户失败：用户名已被使用');
    await page.locator('.ant-modal-close:visible').click();
    await page.locator('#user-username').waitFor({ state: 'hidden' });
    await shootBothLanguages(page, 'staff-admin');

    // The audit trail shows the creation in the reader's language.
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    const audit = page.getByTestId('audit-table');
    await audit.getByText('用户名: （空） → sales1').waitFor();
    await expect(audit.getByText('角色: （空） → 业务员').count()).resolves.toBe(1);
    await shootBothLanguages(page, 'audit-admin');
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await page.getByTestId('staff-page').waitFor();

    // The message history keeps every message of the session.
    const drawer = {
      open: async () => {
        await page.getByTestId('message-history-button').click();
        await page.getByTestId('message-history').waitFor();
      },
      close: async () => {
        await page.keyboard.press('Escape');
        await page.getByTestId('message-history').waitFor({ state: 'hidden' });
      },
    };
    await drawer.open();
    const history = page.getByTestId('message-history');
    await expect(history.getByText(`已创建用户 ${hostileName}`).count()).resolves.toBe(1);
    await expect(history.getByText(/创建用户失败/).count()).resolves.toBe(1);
    await shootBothLanguages(page, 'message-history', drawer);
    await drawer.close();

    await logout(page);
    await shootBothLanguages(page, 'login');

    // English on the login page.
    await setLanguage(page, 'en');
    await expect(page.getByText('Kehu CRM').count()).resolves.toBeGreaterThan(0);
    await page.locator('#login-username').fill('sales1');
    await page.locator('#login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('Wrong username or password');
    await setLanguage(page, 'zh');

    // The salesperson has no staff entry, and a direct visit is a friendly 403.
    await login(page, 'sales1', 'sales-pass-1');
    await page.getByTestId('dashboard').waitFor();
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain(hostileName);
    await expect(page.getByRole('menuitem', { name: '人员管理' }).count()).resolves.toBe(0);
    await expect(page.getByRole('menuitem', { name: '审计日志' }).count()).resolves.toBe(0);
    await expect(page.getByRole('menuitem', { name: '客户管理' }).count()).resolves.toBe(1);
    await expect(page.getByRole('menuitem', { name: '回收站' }).count()).resolves.toBe(0);
    await shootBothLanguages(page, 'home-sales');
    await page.goto(`${server.baseUrl}/staff`);
    await page.getByText('无权访问').waitFor();
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('dashboard').waitFor();

    // Change own password through the dialog.
    const passwordDialog = {
      open: async () => {
        await page.getByTestId('user-menu').click();
        await page.getByTestId('menu-change-password').click();
        await page.locator('#cp-current').waitFor();
      },
      close: async () => {
        await page.locator('.ant-modal-close:visible').click();
        await page.locator('#cp-current').waitFor({ state: 'hidden' });
      },
    };
    await passwordDialog.open();
    await shootBothLanguages(page, 'change-password', passwordDialog);
    await page.locator('#cp-current').fill('sales-pass-1');
    await page.locator('#cp-new').fill('sales-pass-2');
    await page.locator('#cp-confirm').fill('sales-pass-2');
    await page.locator('#password-ok').click();
    await page.locator('#cp-current').waitFor({ state: 'hidden' });
    await expect(page.getByTestId('message-text').textContent()).resolves.toContain('密码已修改');

    await logout(page);
    await login(page, 'sales1', 'sales-pass-2');
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain(hostileName);

    // Hostile text stayed text, and nothing broke (incl. the CSP).
    expect(dialogs).toEqual([]);
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
