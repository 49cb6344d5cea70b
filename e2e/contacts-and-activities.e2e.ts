import { mkdirSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, firstPage, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { ApiSession, dayFromToday, expectMessage, login, menuItem, pickDate, rowOf, shootBothLanguages, shootPrintView, shots } from './support/ui.js';

const huawei = '北京华为技术有限公司';
const overdue = '上海老客户贸易有限公司';

const runs = browserAvailable();

describe.skipIf(!runs)('customer records journey in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startServer();
    const admin = await ApiSession.setup(server.baseUrl);
    await admin.post('/api/users', { username: 'zhangsan', displayName: '张三', role: 'sales', password: 'sales-pass-1' });
    const zhangsan = await ApiSession.login(server.baseUrl, 'zhangsan', 'sales-pass-1');
    await zhangsan.createCustomer(huawei, '华为', { phone: '010-88880000', region: '北京' });
    // A customer whose next follow-up date has passed: it belongs on the follow-up list.
    const old = await zhangsan.createCustomer(overdue, '老客户', { phone: '021-66660000' });
    await zhangsan.post(`/api/customers/${old}/activities`, { occurredOn: dayFromToday(-10), method: 'visit', content: '上门拜访，约定下周回访', nextFollowUpOn: dayFromToday(-3) });

    browser = await launchBrowser();
    page = await firstPage(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps contacts and follow-ups, shows the timeline, exports, prints and lists follow-ups due', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await login(page, 'zhangsan', 'sales-pass-1');
    await rowOf(page, huawei).click();

    // Zone 4: two contacts, one of them primary.
    await page.getByTestId('tab-contacts').click();
    await page.getByTestId('contact-add').click();
    await page.locator('#contact-name').fill('王经理');
    await page.locator('#contact-title').fill('采购经理');
    await page.locator('#contact-mobile').fill('13800138000');
    await page.locator('#contact-email').fill('wang@example.com');
    await page.locator('#contact-wechat').fill('wang_jl');
    await page.locator('#contact-isPrimary').check();
    await page.locator('#contact-form-ok').click();
    await expectMessage(page, '已新建联系人 王经理');
    await page.getByTestId('contact-add').click();
    await page.locator('#contact-name').fill('李助理');
    await page.locator('#contact-phone').fill('010-88880001');
    await page.locator('#contact-qq').fill('123456');
    await page.locator('#contact-form-ok').click();
    await expectMessage(page, '已新建联系人 李助理');
    const contacts = page.getByTestId('contacts-table');
    await contacts.getByText('李助理').waitFor();
    const firstRow = contacts.locator('tr.ant-table-row').first();
    await expect(firstRow.textContent()).resolves.toContain('王经理');
    await expect(firstRow.textContent()).resolves.toContain('主要');
    // Double-click edits — once the list has finished reloading, so the dialog opens on the
    // current version of the row (a busy machine can still be refetching here).
    await contacts.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    await contacts.locator('tr.ant-table-row').filter({ hasText: '李助理' }).dblclick();
    await page.locator('#contact-title').waitFor();
    await page.locator('#contact-title').fill('总经理助理');
    await page.locator('#contact-form-ok').click();
    await expectMessage(page, '已保存联系人 李助理');
    await contacts.getByText('总经理助理').waitFor();
    // The list's search finds the customer by a contact's name.
    await page.locator('#customer-search').fill('王经理');
    await page.locator('#customer-search').press('Enter');
    await rowOf(page, overdue).waitFor({ state: 'detached' });
    await rowOf(page, huawei).waitFor();
    await page.locator('#customer-search').fill('');
    await page.locator('#customer-search').press('Enter');
    await rowOf(page, overdue).waitFor();
    await shootBothLanguages(page, 'contacts-tab');

    // Zone 5: a follow-up with the next date, in one timeline with the log.
    await page.getByTestId('tab-activities').click();
    await page.getByTestId('followup-add').click();
    await page.locator('#followup-content').fill('电话沟通新项目需求，客户要求下周提供报价');
    await pickDate(page, '#followup-nextFollowUpOn', dayFromToday(7));
    await page.locator('#followup-form-ok').click();
    await expectMessage(page, `已新建 ${huawei} 的跟进记录`);
    const timeline = page.getByTestId('timeline');
    await page.getByTestId('timeline-followup').getByText('电话沟通新项目需求').waitFor();
    await timeline.getByText('新建跟进记录').waitFor();
    await timeline.getByText('新建联系人').first().waitFor();
    await timeline.getByText('新建客户').waitFor();
    await timeline.getByText('职务: （空） → 总经理助理').waitFor();
    await shootBothLanguages(page, 'timeline');
    // The filter: follow-ups only, then the log only.
    await page.getByTestId('activity-filter').getByText('跟进记录').click();
    await page.getByTestId('timeline-log').first().waitFor({ state: 'detached' });
    // The filtered list replaces the whole timeline: wait for its entry before counting.
    await page.getByTestId('timeline-followup').first().waitFor();
    await expect(page.getByTestId('timeline-followup').count()).resolves.toBe(1);
    await page.getByTestId('activity-filter').getByText('操作日志').click();
    await page.getByTestId('timeline-followup').first().waitFor({ state: 'detached' });
    await page.getByTestId('timeline-log').first().waitFor();
    await page.getByTestId('activity-filter').getByText('全部').click();
    await page.getByTestId('timeline-followup').first().waitFor();

    // Export the current list: Excel from the toolbar, CSV from the row menu.
    await page.getByTestId('toolbar-export').click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), menuItem(page, '导出 Excel').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(statSync(await xlsx.path()).size).toBeGreaterThan(1000);
    await expectMessage(page, '已导出客户列表（Excel）');
    // (The toolbar's menu has closed before the row's menu opens.)
    await page.locator('.ant-dropdown:visible').waitFor({ state: 'detached' });
    await rowOf(page, huawei).click({ button: 'right' });
    const [csv] = await Promise.all([page.waitForEvent('download'), menuItem(page, '导出 CSV').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(statSync(await csv.path()).size).toBeGreaterThan(50);
    await expectMessage(page, '已导出客户列表（CSV）');

    // Print the customer's profile from the row menu: a page of its own.
    await rowOf(page, huawei).click({ button: 'right' });
    const [profile] = await Promise.all([browser.context.waitForEvent('page'), menuItem(page, '打印客户资料').click()]);
    await expectMessage(page, '已打开打印页面');
    await profile.getByTestId('print-customer').waitFor();
    const profileText = await profile.getByTestId('print-customer').textContent();
    expect(profileText).toContain(huawei);
    expect(profileText).toContain('王经理');
    expect(profileText).toContain('电话沟通新项目需求');
    await shootPrintView(profile, 'print-customer', async () => {
      await profile.getByTestId('print-customer').waitFor();
    });
    await profile.close();

    // Print the list from the toolbar.
    await page.getByTestId('toolbar-print').click();
    const [listPage] = await Promise.all([browser.context.waitForEvent('page'), menuItem(page, '打印列表').click()]);
    await listPage.getByTestId('print-list').waitFor();
    await expect(listPage.getByTestId('print-count').textContent()).resolves.toBe('共 2 位客户');
    await expect(listPage.getByTestId('print-list').textContent()).resolves.toContain(overdue);
    await shootPrintView(listPage, 'print-list', async () => {
      await listPage.getByTestId('print-list').waitFor();
    });
    await listPage.close();

    // The follow-up list: the overdue customer, not the one due next week; a click opens it.
    await page.getByTestId('nav-followups').click();
    const due = page.getByTestId('due-table');
    await due.getByText(overdue).waitFor();
    await expect(due.textContent()).resolves.toContain('逾期 3 天');
    await expect(due.getByText(huawei).count()).resolves.toBe(0);
    await page.getByTestId('due-badge').waitFor();
    await shootBothLanguages(page, 'due-list');
    await due.getByText(overdue).click();
    await page.getByTestId('customer-details').getByText(overdue).waitFor();

    expect(pageErrors).toEqual([]);
  });
});
