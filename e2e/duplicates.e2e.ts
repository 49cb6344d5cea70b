import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserAvailable, firstPage, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { ApiSession, dayFromToday, expectMessage, login, logout, rowOf, shootBothLanguages, shootDialog, shots } from './support/ui.js';

// The duplicate warning a salesperson sees while typing, with the rule that matched; then the
// administrator's duplicate groups and the merge of two customers, at desk size and on a phone.

const older = '深圳市大疆创新科技有限公司'; // 张三's, keyword 大疆, entered a month ago
const newer = '大疆创新深圳分公司'; // 李四's, the same keyword, entered today
const service = '深圳大疆售后服务中心'; // 张三's, entered today
const desk = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

const runs = browserAvailable();

/** The line of the live warning that names `name`. */
const warningLine = (page: Page, name: string): Locator => page.getByTestId('duplicate-warning').locator('li').filter({ hasText: name });

/** The page is no wider than the screen: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.skipIf(!runs)('duplicates journey in the browser', () => {
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
    await admin.post('/api/users', { username: 'wangwu', displayName: '王五', role: 'sales', password: 'sales-pass-3' });
    const zhangsan = await ApiSession.login(server.baseUrl, 'zhangsan', 'sales-pass-1');
    await zhangsan.createCustomer(older, '大疆', { createdOn: dayFromToday(-30), region: '广东深圳' });
    const lisi = await ApiSession.login(server.baseUrl, 'lisi', 'sales-pass-2');
    const newerId = await lisi.createCustomer(newer, '大疆', { phone: '0755-86000000', industry: '无人机', confirmDuplicate: true });
    await lisi.post(`/api/customers/${newerId}/contacts`, { name: '陈经理', mobile: '13800000001' });
    await lisi.post(`/api/customers/${newerId}/activities`, { occurredOn: dayFromToday(-1), method: 'phone', content: '介绍新品' });
    await zhangsan.createCustomer(service, '大疆售后', { confirmDuplicate: true });

    browser = await launchBrowser();
    page = await firstPage(browser, pageErrors);
    await page.setViewportSize(desk);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('warns a salesperson of another salesperson’s look-alike customer, with the rule that matched', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await login(page, 'wangwu', 'sales-pass-3');
    await page.getByTestId('customer-create').click();
    await page.locator('#customer-name').waitFor();

    // The same company written another way (the city in brackets): the same company core.
    await page.locator('#customer-name').fill('大疆创新科技（深圳）有限公司');
    await page.locator('#customer-keyword').fill('大疆科技');
    await warningLine(page, older).getByTestId('duplicate-reason').filter({ hasText: '名称相同' }).waitFor();
    await expect(warningLine(page, older).textContent()).resolves.toContain('张三');

    // Another company whose name holds 张三's keyword: that rule is named.
    await page.locator('#customer-name').fill('大疆无人机上海销售有限公司');
    await page.locator('#customer-keyword').fill('大疆上海');
    await warningLine(page, older).getByTestId('duplicate-reason').filter({ hasText: '名称包含其关键字' }).waitFor();
    await expect(warningLine(page, older).textContent()).resolves.toContain(`${older}（业务员：张三）`);
    await shootDialog(page, 'duplicates-warning.desk');

    // Saving asks first, each look-alike with its rule; cancelling keeps the form.
    await page.locator('#customer-form-ok').click();
    const confirm = page.getByTestId('duplicate-confirm');
    await confirm.locator('li').filter({ hasText: older }).getByTestId('duplicate-reason').filter({ hasText: '名称包含其关键字' }).waitFor();
    await shootDialog(page, 'duplicates-confirm.desk');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /取\s*消/ }).click();
    await confirm.waitFor({ state: 'hidden' });

    // A keyword held by someone's name: the other rule, the other way round.
    await page.locator('#customer-name').fill('上海飞行器销售有限公司');
    await page.locator('#customer-keyword').fill('大疆创新');
    await warningLine(page, older).getByTestId('duplicate-reason').filter({ hasText: '其名称包含此关键字' }).waitFor();

    // A generic word alone is refused by the server (422): no warning, no error.
    await page.locator('#customer-name').fill('');
    await page.locator('#customer-keyword').fill('科技');
    await page.waitForTimeout(900);
    await expect(page.getByTestId('duplicate-warning').count()).resolves.toBe(0);
    await expect(page.getByTestId('message-bar').and(page.locator('[data-type="error"]')).count()).resolves.toBe(0);

    // On a phone: the same warning, the dialog within the screen.
    await page.locator('#customer-name').fill('大疆无人机上海销售有限公司');
    await page.locator('#customer-keyword').fill('大疆上海');
    await warningLine(page, older).waitFor();
    await page.setViewportSize(phone);
    await expectNoSidewaysScroll(page);
    await shootDialog(page, 'duplicates-warning.phone');
    await page.setViewportSize(desk);

    // Once the duplicate budget is spent (429), a quiet note replaces the warning until it allows again.
    await page.route('**/api/customers/duplicates?*', (route) =>
      route.fulfill({ status: 429, headers: { 'Retry-After': '60' }, json: { error: { code: 'rate_limited', message: '尝试过于频繁，请稍后再试', details: { retryAfterSeconds: 60 } } } }),
    );
    await page.locator('#customer-keyword').fill('大疆上海浦东');
    await page.getByTestId('duplicate-paused').waitFor();
    await expect(page.getByTestId('duplicate-warning').count()).resolves.toBe(0);
    await expect(page.getByTestId('message-bar').and(page.locator('[data-type="error"]')).count()).resolves.toBe(0);
    await shootDialog(page, 'duplicates-paused.desk');
    await page.unroute('**/api/customers/duplicates?*');
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
    await page.locator('#customer-name').waitFor({ state: 'hidden' });
    await logout(page);
    expect(pageErrors).toEqual([]);
  });

  it('lets the administrator merge two customers of a duplicate group; the merged one leaves the list for good', async () => {
    // On its own feet: whatever the journey above left, the administrator starts logged out.
    await browser.context.clearCookies();
    await page.setViewportSize(desk);
    await page.goto(`${server.baseUrl}/login`);
    await login(page, 'admin', 'admin-pass-1');
    await rowOf(page, newer).waitFor();
    await page.getByTestId('nav-duplicates').click();
    await page.getByTestId('duplicate-groups-page').waitFor();
    const group = page.getByTestId('duplicate-group').filter({ has: page.getByTestId('duplicate-reason').filter({ hasText: '关键字相同' }) }).filter({ hasText: newer });
    await group.waitFor();
    await expect(group.getByTestId('duplicate-group-key').textContent()).resolves.toBe('大疆');
    await expect(group.getByTestId('duplicate-group-count').textContent()).resolves.toContain('共 2 个客户');
    await shootBothLanguages(page, 'duplicates-groups.desk');
    await page.setViewportSize(phone);
    await expectNoSidewaysScroll(page);
    await shootBothLanguages(page, 'duplicates-groups.phone');
    await page.setViewportSize(desk);

    // Tick both, merge: the one entered first is kept, the other's records move over.
    await group.locator('tr.ant-table-row').filter({ hasText: older }).locator('.ant-checkbox-input').check();
    await group.locator('tr.ant-table-row').filter({ hasText: newer }).locator('.ant-checkbox-input').check();
    await group.getByTestId('duplicate-group-merge').click();
    const dialog = page.getByTestId('merge-dialog');
    await dialog.getByTestId('merge-comparison').waitFor();
    await expect(dialog.getByTestId('merge-kept-name').textContent()).resolves.toBe(older);
    await expect(dialog.getByTestId('merge-merged-name').textContent()).resolves.toBe(newer);
    // 张三's customer has no phone: 李四's fills it.
    await expect(dialog.getByTestId('merge-kept-phone').textContent()).resolves.toContain('0755-86000000');
    await expect(dialog.getByTestId('merge-kept-phone').textContent()).resolves.toContain('将补充');
    await expect(dialog.getByTestId('merge-moves').textContent()).resolves.toContain('联系人 1 条、跟进记录 1 条');
    await expect(dialog.getByTestId('merge-warning').textContent()).resolves.toContain(`“${newer}”将移入回收站，且不能恢复`);

    // The swap chooses the other one to keep; swapped back before merging.
    await dialog.getByTestId('merge-swap').click();
    await dialog.getByTestId('merge-kept-name').filter({ hasText: newer }).waitFor();
    await dialog.getByTestId('merge-swap').click();
    await dialog.getByTestId('merge-kept-name').filter({ hasText: older }).waitFor();
    await shootDialog(page, 'duplicates-merge.desk');
    await page.setViewportSize(phone);
    await expectNoSidewaysScroll(page);
    await shootDialog(page, 'duplicates-merge.phone');
    const box = await page.locator('.ant-modal:visible').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(phone.width - 1);
    await page.setViewportSize(desk);

    await page.locator('#merge-ok').click();
    await expectMessage(page, `已将客户 ${newer} 合并到 ${older}`);
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('duplicate-group').filter({ hasText: newer }).waitFor({ state: 'detached' });

    // The list keeps 张三's customer only.
    await page.getByTestId('nav-customers').click();
    await rowOf(page, older).waitFor();
    await expect(rowOf(page, newer).count()).resolves.toBe(0);

    // From the list too: two ticked customers, the toolbar's button, the one entered first kept.
    await expect(page.getByTestId('toolbar-merge').count()).resolves.toBe(0);
    await rowOf(page, service).locator('.ant-checkbox-input').check();
    await rowOf(page, older).locator('.ant-checkbox-input').check();
    await page.getByTestId('toolbar-merge').click();
    await dialog.getByTestId('merge-kept-name').filter({ hasText: older }).waitFor();
    await expect(dialog.getByTestId('merge-merged-name').textContent()).resolves.toBe(service);
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
    await dialog.waitFor({ state: 'hidden' });

    // The merged customer is in the recycle bin, and restoring it is refused with the reason.
    await page.getByTestId('nav-recycle-bin').click();
    const bin = page.getByTestId('recycle-bin-table');
    await bin.locator('tr.ant-table-row').filter({ hasText: newer }).getByRole('button').click();
    await expectMessage(page, '不能恢复');
    await page.screenshot({ path: join(shots, 'duplicates-restore-refused.zh-CN.png') });
    expect(pageErrors).toEqual([]);
  });
});
