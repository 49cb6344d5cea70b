import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, firstPage, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import {
  ApiSession,
  dayFromToday,
  expectMessage,
  login,
  logout,
  menuItem,
  pickDate,
  pickOption,
  rowOf,
  shootBothLanguages,
  shots,
} from './support/ui.js';

const first = '广州白云电器设备有限公司';
const second = '杭州海康精密仪器有限公司';
const kept = '南京长江机械制造有限公司';

const runs = browserAvailable();

describe.skipIf(!runs)('delegation journey in the browser', () => {
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
    const zhangsan = await ApiSession.login(server.baseUrl, 'zhangsan', 'sales-pass-1');
    await zhangsan.createCustomer(kept, '长江机械');
    await zhangsan.createCustomer(second, '海康精密');
    await zhangsan.createCustomer(first, '白云电器');

    browser = await launchBrowser();
    page = await firstPage(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('grants two customers until a date, lets the delegate work on them, revokes, and keeps the delegate’s record', async () => {
    const until = dayFromToday(30);
    const [, mm, dd] = until.split('-');

    // 张三 ticks two customers and delegates them to 李四 from the row's right-click menu.
    await page.goto(`${server.baseUrl}/login`);
    await login(page, 'zhangsan', 'sales-pass-1');
    await rowOf(page, first).locator('.ant-checkbox-input').check();
    await rowOf(page, second).locator('.ant-checkbox-input').check();
    const dialog = {
      open: async () => {
        await rowOf(page, first).click({ button: 'right' });
        await menuItem(page, /授权给…|Delegate to…/).click();
        await page.locator('#grant-to').waitFor();
        await pickOption(page, '#grant-to', '李四');
        await pickDate(page, '#grant-endsOn', until);
      },
      close: async () => {
        await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
        await page.locator('#grant-to').waitFor({ state: 'detached' });
      },
    };
    await dialog.open();
    await expect(page.getByTestId('grant-form').locator('..').textContent()).resolves.toContain('2 位客户');
    await shootBothLanguages(page, 'grant-dialog', dialog);
    await page.locator('#grant-ok').click();
    await expectMessage(page, '已将 2 位客户授权给 李四');
    // The list marks both as delegated, with the end date.
    await rowOf(page, first).getByText(`已授权：李四(至 ${mm}-${dd})`).waitFor();
    await rowOf(page, second).getByTestId('delegated-to').waitFor();
    await expect(rowOf(page, kept).getByTestId('delegated-to').count()).resolves.toBe(0);
    // The customer's delegation tab shows the active grant.
    await rowOf(page, first).click();
    await page.getByTestId('tab-delegations').click();
    await page.getByTestId('delegations-table').getByText('有效').waitFor();
    await shootBothLanguages(page, 'delegation-tab');
    await logout(page);

    // 李四 sees the two (marked as delegated by 张三), not the third, and records a follow-up.
    await login(page, 'lisi', 'sales-pass-2');
    await rowOf(page, first).getByText('授权自 张三').waitFor();
    await rowOf(page, second).getByText('授权自 张三').waitFor();
    await expect(rowOf(page, kept).count()).resolves.toBe(0);
    await rowOf(page, first).click();
    await page.getByTestId('tab-activities').click();
    await page.getByTestId('followup-add').click();
    await page.locator('#followup-content').fill('李四代为回访，客户确认下月续约');
    await page.locator('#followup-form-ok').click();
    await expectMessage(page, `已新建 ${first} 的跟进记录`);
    // A delegate can neither delegate further nor delete.
    await rowOf(page, first).click({ button: 'right' });
    await menuItem(page, '编辑客户').waitFor();
    await expect(menuItem(page, '删除客户').count()).resolves.toBe(0);
    await expect(menuItem(page, '授权给…').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-delegations').click();
    await page.getByTestId('tab-received').click();
    await page.getByTestId('delegations-received').getByRole('link', { name: first }).waitFor();
    await logout(page);

    // 张三 takes one back on 我的授权 and the rest with 收回全部授权.
    await login(page, 'zhangsan', 'sales-pass-1');
    await page.getByTestId('nav-delegations').click();
    const given = page.getByTestId('delegations-given');
    await given.getByText(first).waitFor();
    await given.getByText(second).waitFor();
    await shootBothLanguages(page, 'my-delegations-given');
    await given.locator('tr.ant-table-row').filter({ hasText: first }).getByTestId('delegation-revoke').click();
    await page.locator('#revoke-ok').click();
    await expectMessage(page, `已收回 李四 对客户 ${first} 的授权`);
    await given.getByText(first).waitFor({ state: 'detached' });
    await page.getByTestId('delegation-revoke-all').click();
    await pickOption(page, '#revoke-all-to', '李四');
    await page.locator('#revoke-all-ok').click();
    await expectMessage(page, '已收回 李四 的全部授权（1 位客户）');
    await given.getByText(second).waitFor({ state: 'detached' });
    await logout(page);

    // 李四 no longer sees them; 我收到的 keeps only their names.
    await login(page, 'lisi', 'sales-pass-2');
    await expect(rowOf(page, first).count()).resolves.toBe(0);
    await expect(rowOf(page, second).count()).resolves.toBe(0);
    await page.getByTestId('nav-delegations').click();
    await page.getByTestId('tab-received').click();
    await page.getByTestId('delegation-state-received').getByText('已结束').click();
    const received = page.getByTestId('delegations-received');
    await received.getByText(first).waitFor();
    await received.getByText(second).waitFor();
    await expect(received.getByRole('link').count()).resolves.toBe(0);
    await expect(received.locator('.ant-tag').filter({ hasText: '已收回' }).count()).resolves.toBe(2);
    await shootBothLanguages(page, 'my-delegations-received');
    await logout(page);

    // 张三 finds 李四's follow-up in the customer's timeline, under 李四's name, and the grant's history.
    await login(page, 'zhangsan', 'sales-pass-1');
    await rowOf(page, first).click();
    await expect(rowOf(page, first).getByTestId('delegated-to').count()).resolves.toBe(0);
    await page.getByTestId('tab-activities').click();
    const followUp = page.getByTestId('timeline-followup').filter({ hasText: '李四代为回访' });
    await followUp.waitFor();
    await expect(followUp.textContent()).resolves.toContain('记录人：李四');
    await page.getByTestId('timeline').getByText('收回授权').first().waitFor();
    await page.getByTestId('tab-delegations').click();
    await page.getByTestId('delegations-table').locator('.ant-tag').filter({ hasText: '已收回' }).waitFor();
    await page.getByTestId('delegations-table').getByText(/张三 于 .* 收回/).waitFor();

    expect(pageErrors).toEqual([]);
  });
});
