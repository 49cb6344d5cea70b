import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, firstPage, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { ApiSession, expectMessage, loginHome, logout, pickOption, rowOf, setLanguage, shootBothLanguages, shots } from './support/ui.js';

// docs/sample-import.xlsx: six rows; row 3 (宁波甬江机械制造厂) looks like the customer seeded below,
// row 5 like row 2 of the file, and row 6 has no keyword (rejected). Its 备注 column is column 12.
const sample = join(import.meta.dirname, '..', 'docs', 'sample-import.xlsx');
const existing = '宁波甬江机械有限公司';

const runs = browserAvailable();

describe.skipIf(!runs)('customer import journey in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startServer();
    const admin = await ApiSession.setup(server.baseUrl);
    await admin.post('/api/users', { username: 'zhangsan', displayName: '张三', role: 'sales', password: 'sales-pass-1' });
    const sales = await ApiSession.login(server.baseUrl, 'zhangsan', 'sales-pass-1');
    await sales.createCustomer(existing, '甬江机械');

    browser = await launchBrowser();
    page = await firstPage(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uploads, maps, validates, commits with progress, lists the customers; the administrator undoes', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await loginHome(page, 'zhangsan', 'sales-pass-1');
    // From the customer screen's toolbar to the import page.
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('toolbar-import').click();
    await page.getByTestId('import-upload').waitFor();
    expect(new URL(page.url()).pathname).toBe('/imports');
    await shootBothLanguages(page, 'import-1-upload');

    // 1. Upload.
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles(sample);
    await expectMessage(page, '已上传 sample-import.xlsx：6 行');
    await page.getByTestId('import-mapping').waitFor();
    const info = page.getByTestId('import-file-info');
    await expect(info.textContent()).resolves.toContain('XLSX');

    // 2. Mapping: pre-filled from the headers; 备注 is un-mapped by hand.
    await expect(page.getByTestId('mapping-0').textContent()).resolves.toContain('客户名称');
    await expect(page.getByTestId('mapping-12').textContent()).resolves.toContain('备注');
    // The list opens at the current choice: search for the other one.
    await page.locator('#mapping-12').click();
    await page.keyboard.type('不导入');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '不导入' }).first().click();
    await expect(page.getByTestId('mapping-12').textContent()).resolves.toContain('不导入');
    await shootBothLanguages(page, 'import-2-mapping');

    // 3. Validation: one duplicate of an existing customer, one of the file's own row 2, one rejected.
    await page.getByTestId('import-validate').click();
    await expectMessage(page, '校验完成：将创建 3 个，可能重复 2 个，不能导入 1 个');
    await page.getByTestId('import-validation').waitFor();
    const matches3 = page.getByTestId('import-matches-3');
    await matches3.waitFor();
    await expect(matches3.textContent()).resolves.toContain(`${existing}（业务员：张三）`);
    await expect(page.getByTestId('import-matches-5').textContent()).resolves.toContain('本文件第 2 行：杭州西湖龙井茶业有限公司');
    // Row 3's contacts go into the existing customer; the others follow "skip".
    await pickOption(page, '[data-testid="import-row-action-3"]', '合并联系人');
    await shootBothLanguages(page, 'import-3-duplicates');
    await page.getByTestId('import-tab-rejected').click();
    const reasons6 = page.getByTestId('import-reasons-6');
    await reasons6.waitFor();
    await expect(reasons6.textContent()).resolves.toContain('关键字');
    await shootBothLanguages(page, 'import-3-rejected');

    // 4. Commit: progress to done, then the counts.
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="import-commit-step"][data-status="done"]').waitFor({ timeout: 20_000 });
    await expectMessage(page, '导入完成 sample-import.xlsx：新建 3 个，合并 1 个，跳过 1 个，不能导入 1 个');
    await expect(page.getByTestId('import-result-created').textContent()).resolves.toContain('3');
    await expect(page.getByTestId('import-result-merged').textContent()).resolves.toContain('1');
    await page.getByTestId('import-history-table').getByText('已完成').waitFor();
    await shootBothLanguages(page, 'import-4-done');
    // A message reported in Chinese reads in English once the language is switched, and back.
    await setLanguage(page, 'en');
    await expectMessage(page, 'Imported sample-import.xlsx: 3 created, 1 merged, 1 skipped, 1 rejected');
    await setLanguage(page, 'zh');
    await expectMessage(page, '导入完成 sample-import.xlsx：新建 3 个，合并 1 个，跳过 1 个，不能导入 1 个');

    // The imported customers are in the list; the skipped duplicate is not.
    await page.getByTestId('import-to-customers').click();
    await page.getByTestId('customers-page').waitFor();
    for (const name of ['杭州西湖龙井茶业有限公司', '温州瓯海眼镜有限公司', '嘉兴南湖纺织有限公司', existing]) await rowOf(page, name).waitFor();
    await expect(rowOf(page, '西湖龙井茶业（上海）分公司').count()).resolves.toBe(0);
    await expect(rowOf(page, '无关键字的客户').count()).resolves.toBe(0);
    await shootBothLanguages(page, 'import-5-customers');
    await logout(page);

    // The administrator sees the import in the history and undoes it.
    await loginHome(page, 'admin', 'admin-pass-1');
    await page.getByTestId('nav-imports').click();
    const history = page.getByTestId('import-history-table');
    await history.getByText('sample-import.xlsx').waitFor();
    await expect(history.textContent()).resolves.toContain('张三');
    await shootBothLanguages(page, 'import-6-history-admin');
    const undo = page.locator('[data-testid^="import-undo-"]').first();
    await undo.click();
    await page.locator('#import-undo-ok').click();
    await expectMessage(page, '已撤销导入 sample-import.xlsx');
    await history.getByText('已撤销').waitFor();
    await page.getByTestId('nav-customers').click();
    await rowOf(page, existing).waitFor();
    await expect(rowOf(page, '嘉兴南湖纺织有限公司').count()).resolves.toBe(0);

    expect(pageErrors).toEqual([]);
  });

  it('shows how far the check of a large file has got', async () => {
    // 40,000 rows: the check takes seconds, long enough to watch its progress bar.
    const rows = ['客户名称,关键字,联系人,手机'];
    for (let i = 0; i < 40_000; i++) rows.push(`大文件${i}号贸易有限公司,大文件${i}号,联系人${i},139${String(i).padStart(8, '0')}`);
    const file = join(mkdtempSync(join(tmpdir(), 'kehu-e2e-')), 'large.csv');
    writeFileSync(file, rows.join('\r\n'));
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('import-upload').waitFor();
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles(file);
    await expectMessage(page, '已上传 large.csv：40000 行');
    await page.getByTestId('import-mapping').waitFor();
    await page.getByTestId('import-validate').click();
    const progress = page.getByTestId('import-validate-progress');
    await progress.getByText(/已检查 [1-9]\d* \/ 40000 行/).waitFor({ timeout: 30_000 });
    await page.getByTestId('import-history-table').getByText('校验中').waitFor();
    await page.screenshot({ path: join(shots, 'import-7-validation-progress.zh-CN.png') });
    await page.getByTestId('message-text').filter({ hasText: '校验完成：将创建 40000 个，可能重复 0 个，不能导入 0 个' }).waitFor({ timeout: 60_000 });
    await expect(progress.count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
