import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserAvailable, firstPage, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

const shots = join(import.meta.dirname, 'screenshots');
const zte = '深圳市中兴通信股份有限公司';
const zteShanghai = '中兴通讯上海分公司';
const hostileName = '<img src=x onerror=alert(1)> 测试客户';

async function setLanguage(page: Page, lang: 'zh' | 'en') {
  await page.locator('.ant-segmented').getByText(lang === 'en' ? 'English' : '中文', { exact: true }).click();
}

interface Overlay {
  open: () => Promise<void>;
  close: () => Promise<void>;
}

/** Screenshots the screen in Chinese and in English (reopening any overlay after switching), ending in Chinese with the overlay open. */
async function shootBothLanguages(page: Page, name: string, overlay?: Overlay) {
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(shots, `${name}.zh-CN.png`) });
  if (overlay) await overlay.close();
  await setLanguage(page, 'en');
  if (overlay) await overlay.open();
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(shots, `${name}.en-US.png`) });
  if (overlay) await overlay.close();
  await setLanguage(page, 'zh');
  if (overlay) await overlay.open();
}

async function login(page: Page, username: string, password: string) {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // The dashboard is the home page; the customer screen is one click away.
  await page.getByTestId('dashboard').waitFor();
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customers-page').waitFor();
}

async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await page.locator('#login-username').waitFor();
}

async function expectMessage(page: Page, text: string) {
  await page.getByTestId('message-text').filter({ hasText: text }).waitFor();
}

/** A status entry of zone 1 by its (start of) name; the count is its last span. */
const statusEntry = (page: Page, name: string): Locator => page.locator('.kehu-status').filter({ has: page.locator('.kehu-status-name', { hasText: new RegExp(`^${name}$`) }) });
const menuItem = (page: Page, name: string) => page.locator('.ant-dropdown:visible').getByRole('menuitem', { name });
const rowOf = (page: Page, name: string) => page.getByTestId('customer-table').locator('tr.ant-table-row').filter({ hasText: name });

const runs = browserAvailable();

describe.skipIf(!runs)('customer screen journey in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startServer();
    // Seed through the API: the administrator, two salespeople, one customer with a hostile name.
    const setup = await fetch(`${server.baseUrl}/api/setup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', displayName: '管理员', password: 'admin-pass-1' }),
    });
    expect(setup.status).toBe(201);
    const cookie = setup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    await post('/api/users', { username: 'zhangsan', displayName: '张三', role: 'sales', password: 'sales-pass-1' });
    await post('/api/users', { username: 'lisi', displayName: '李四', role: 'sales', password: 'sales-pass-2' });
    const statuses = (await (await fetch(`${server.baseUrl}/api/customer-statuses`, { headers: { Cookie: cookie } })).json()) as { id: string }[];
    await post('/api/customers', { name: hostileName, keyword: '测试客户', statusId: statuses[0]?.id, phone: '0755-1234' });

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

  it('creates, warns of duplicates, hides others’ customers, renames a status, deletes and restores', async () => {
    // 张三 creates a customer in 正式客户 from the status list's right-click menu.
    await page.goto(`${server.baseUrl}/login`);
    await login(page, 'zhangsan', 'sales-pass-1');
    expect(new URL(page.url()).pathname).toBe('/customers');
    await expect(statusEntry(page, '正式客户').locator('.kehu-status-count').textContent()).resolves.toBe('0');
    await statusEntry(page, '正式客户').click({ button: 'right' });
    await menuItem(page, '创建客户').click();
    await page.locator('#customer-name').waitFor();
    await page.getByTestId('customer-form').getByText('正式客户', { exact: true }).waitFor();
    await page.locator('#customer-name').fill(zte);
    await page.locator('#customer-keyword').fill('中兴');
    await page.locator('#customer-phone').fill('0755-26770000');
    await page.locator('#customer-region').fill('广东深圳');
    await page.locator('#customer-form-ok').click();
    await expectMessage(page, `已创建客户 ${zte}`);
    await rowOf(page, zte).waitFor();
    await statusEntry(page, '正式客户').locator('.kehu-status-count').filter({ hasText: /^1$/ }).waitFor();
    await expect(statusEntry(page, '全部客户').locator('.kehu-status-count').textContent()).resolves.toBe('1');
    // The new customer is selected: its details show in the tab area.
    await page.getByTestId('customer-details').getByText(zte).waitFor();
    // Pinyin initials find it.
    await page.locator('#customer-search').fill('zx');
    await page.locator('#customer-search').press('Enter');
    await rowOf(page, zte).waitFor();
    await shootBothLanguages(page, 'customers-sales');
    await logout(page);

    // 李四 types a similar customer: the live warning names 张三's customer and 张三.
    await login(page, 'lisi', 'sales-pass-2');
    await expect(rowOf(page, zte).count()).resolves.toBe(0);
    const form = {
      open: async () => {
        await page.getByTestId('customer-create').click();
        await page.locator('#customer-name').fill(zteShanghai);
        await page.locator('#customer-keyword').fill('中兴上海');
        await page.getByTestId('duplicate-warning').waitFor();
      },
      close: async () => {
        await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
        await page.locator('#customer-name').waitFor({ state: 'hidden' });
      },
    };
    await form.open();
    const warning = page.getByTestId('duplicate-warning');
    await expect(warning.textContent()).resolves.toContain(zte);
    await expect(warning.textContent()).resolves.toContain('张三');
    await shootBothLanguages(page, 'customer-form-duplicate', form);

    // Saving asks for confirmation, listing the match; confirming saves anyway.
    const confirm = {
      open: async () => {
        await form.open();
        await page.locator('#customer-form-ok').click();
        await page.getByTestId('duplicate-confirm').waitFor();
      },
      close: async () => {
        await page.locator('.ant-modal-confirm').getByRole('button', { name: /取\s*消|Cancel/ }).click();
        await page.getByTestId('duplicate-confirm').waitFor({ state: 'hidden' });
        await form.close();
      },
    };
    await page.locator('#customer-form-ok').click();
    await page.getByTestId('duplicate-confirm').waitFor();
    await expect(page.getByTestId('duplicate-confirm').textContent()).resolves.toContain(`${zte}（业务员：张三）`);
    await shootBothLanguages(page, 'customer-duplicate-confirm', confirm);
    await page.locator('#duplicate-confirm-ok').click();
    await expectMessage(page, `已创建客户 ${zteShanghai}`);
    await rowOf(page, zteShanghai).waitFor();
    await expect(rowOf(page, zte).count()).resolves.toBe(0);
    await expect(statusEntry(page, '全部客户').locator('.kehu-status-count').textContent()).resolves.toBe('1');
    await logout(page);
    // The history of 李四's session went with the logout.
    await expect(page.getByTestId('message-history-button').textContent()).resolves.toContain('(1)');

    // The administrator sees everyone's customers and renames a status by right-click.
    await login(page, 'admin', 'admin-pass-1');
    await rowOf(page, zte).waitFor();
    await rowOf(page, zteShanghai).waitFor();
    await expect(page.getByTestId('message-text').textContent()).resolves.not.toContain(zteShanghai);
    const statusMenu = {
      open: async () => {
        await statusEntry(page, '流失客户').click({ button: 'right' });
        await menuItem(page, '重命名').or(menuItem(page, 'Rename')).waitFor();
      },
      close: async () => {
        await page.keyboard.press('Escape');
        await page.locator('.ant-dropdown:visible').waitFor({ state: 'hidden' });
      },
    };
    await statusMenu.open();
    await shootBothLanguages(page, 'status-menu', statusMenu);
    await menuItem(page, '重命名').click();
    await page.locator('#status-name').fill('已流失客户');
    await page.locator('#status-name-ok').click();
    await expectMessage(page, '已将客户状态 流失客户 重命名为 已流失客户');
    await statusEntry(page, '已流失客户').waitFor();

    // Deleting a status in use is refused with the server's reason.
    await statusEntry(page, '正式客户').click({ button: 'right' });
    await menuItem(page, '删除').click();
    await page.locator('#status-delete-ok').click();
    await page.getByTestId('message-bar').and(page.locator('[data-type="error"]')).waitFor();
    await expect(page.getByTestId('message-text').textContent()).resolves.toContain('删除客户状态 正式客户 失败');

    // Delete 李四's customer from the row's right-click menu.
    await rowOf(page, zteShanghai).click();
    await page.getByTestId('customer-details').getByText('李四').waitFor();
    const rowMenu = {
      open: async () => {
        await rowOf(page, zteShanghai).click({ button: 'right' });
        await menuItem(page, '删除客户').or(menuItem(page, 'Delete customer')).waitFor();
      },
      close: statusMenu.close,
    };
    await rowMenu.open();
    await shootBothLanguages(page, 'row-menu', rowMenu);
    await menuItem(page, '删除客户').click();
    await page.locator('#customer-delete-ok').click();
    await expectMessage(page, `已删除客户 ${zteShanghai}`);
    await rowOf(page, zteShanghai).waitFor({ state: 'detached' });

    // The recycle bin has it; restoring brings it back to the list.
    await page.getByRole('menuitem', { name: '回收站' }).click();
    const bin = page.getByTestId('recycle-bin-table');
    await bin.getByText(zteShanghai).waitFor();
    await shootBothLanguages(page, 'recycle-bin');
    await bin.locator('tr.ant-table-row').filter({ hasText: zteShanghai }).getByRole('button').click();
    await expectMessage(page, `已恢复客户 ${zteShanghai}`);
    await bin.getByText(zteShanghai).waitFor({ state: 'detached' });
    await page.getByRole('menuitem', { name: '客户管理' }).click();
    await rowOf(page, zteShanghai).waitFor();
    // Double-click edits; an unchanged name is not checked for duplicates again.
    await rowOf(page, zteShanghai).dblclick();
    await page.locator('#customer-name').waitFor();
    await expect(page.locator('#customer-name').inputValue()).resolves.toBe(zteShanghai);
    await page.locator('#customer-phone').fill('021-55550000');
    await page.locator('#customer-form-ok').click();
    await expectMessage(page, `已保存客户 ${zteShanghai}`);
    await page.getByTestId('customer-details').getByText('021-55550000').waitFor();
    await page.getByTestId('customer-details').getByText('李四').waitFor();
    await shootBothLanguages(page, 'customers-admin');

    await rowOf(page, hostileName).waitFor();

    // A leaver's hand-over from the staff page: all of 张三's customers go to 李四.
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await page.getByTestId('staff-table').getByText('zhangsan', { exact: true }).click();
    await page.getByTestId('staff-transfer').click();
    await page.locator('#transfer-to').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '李四' }).click();
    await page.locator('#transfer-ok').click();
    await expectMessage(page, '已将 1 位客户转给 李四');

    // Hostile text stayed text, and nothing broke (incl. the CSP).
    expect(dialogs).toEqual([]);
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
