import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, firstPage, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { ApiSession, dayFromToday, expectMessage, login, logout, pickOption, rowOf, shootBothLanguages, shootDialog, shootPrintView, shots } from './support/ui.js';

const customer = '深圳市腾达科技有限公司';
const supplier = '用友网络科技股份有限公司';
const product = '财务管理软件 V8';

const runs = browserAvailable();

describe.skipIf(!runs)('catalogue and deals journey in the browser', () => {
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
    await zhangsan.createCustomer(customer, '腾达', { phone: '0755-86000000', address: '深圳市南山区科技园' });

    browser = await launchBrowser();
    page = await firstPage(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('registers a supplier and a product, quotes, sells, takes payments and annual fees, prints the quote', async () => {
    // The admin registers a supplier with bank and tax details.
    await page.goto(`${server.baseUrl}/login`);
    await login(page, 'admin', 'admin-pass-1');
    await page.getByTestId('nav-suppliers').click();
    await page.getByTestId('supplier-create').click();
    await page.locator('#supplier-name').fill(supplier);
    await page.locator('#supplier-contactName').fill('刘经理');
    await page.locator('#supplier-phone').fill('010-62430000');
    await page.locator('#supplier-bankName').fill('中国工商银行北京海淀支行');
    await page.locator('#supplier-bankAccount').fill('0200 0045 0902 1234 567');
    await page.locator('#supplier-taxId').fill('91110000600001760P');
    await shootDialog(page, 'supplier-dialog');
    await page.locator('#supplier-form-ok').click();
    await expectMessage(page, `已新建供应商 ${supplier}`);

    // ...and a product with a list price and an annual fee; bad money is refused in the form.
    await page.getByTestId('nav-products').click();
    await page.getByTestId('product-create').click();
    await page.locator('#product-code').fill('YY-FIN-8');
    await page.locator('#product-name').fill(product);
    await page.locator('#product-model').fill('V8 标准版');
    await page.locator('#product-unit').fill('套');
    await page.locator('#product-price').fill('12800.555');
    await page.locator('#product-annualFee').fill('1500');
    await pickOption(page, '#product-supplierId', supplier);
    await page.locator('#product-form-ok').click();
    await page.getByText('请输入不小于 0 的金额，最多两位小数').waitFor();
    await page.locator('#product-price').fill('12800');
    await shootDialog(page, 'product-dialog');
    await page.locator('#product-form-ok').click();
    await expectMessage(page, `已登记商品 ${product}`);
    const products = page.getByTestId('product-table');
    await products.getByText('YY-FIN-8').waitFor();
    await expect(products.textContent()).resolves.toContain('¥12,800.00');
    await expect(products.textContent()).resolves.toContain('¥1,500.00');
    await shootBothLanguages(page, 'products');

    // The supplier lists what it supplies.
    await page.getByTestId('nav-suppliers').click();
    const suppliers = page.getByTestId('supplier-table');
    await suppliers.locator('tr.ant-table-row').filter({ hasText: supplier }).locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('supplier-products').getByText(product).waitFor();
    await shootBothLanguages(page, 'suppliers');
    // A supplier with products cannot be deleted: the message says to deactivate it.
    await suppliers.getByTestId('supplier-delete').first().click();
    await page.locator('#supplier-delete-ok').click();
    await expectMessage(page, '请改为停用');
    await logout(page);

    // The salesperson quotes the product to their customer.
    await login(page, 'zhangsan', 'sales-pass-1');
    await rowOf(page, customer).click();
    await page.getByTestId('tab-quotes').click();
    await page.getByTestId('quote-add').click();
    await pickOption(page, '#quote-line-0-product', product);
    await expect(page.locator('#quote-line-0-unitPrice').inputValue()).resolves.toBe('12800.00');
    await page.locator('#quote-line-0-quantity').fill('2');
    await page.locator('#quote-line-0-discount').fill('600');
    await page.locator('#quote-notes').fill('含一年免费维护');
    await page.getByTestId('quote-total').filter({ hasText: '¥25,000.00' }).waitFor();
    await shootDialog(page, 'quote-dialog');
    await page.locator('#quote-form-ok').click();
    await expectMessage(page, `已为 ${customer} 新建报价`);
    const quotes = page.getByTestId('quotes-table');
    await quotes.getByText('¥25,000.00').waitFor();
    await expect(quotes.getByTestId('quote-status').textContent()).resolves.toBe('草稿');

    // Send, accept, turn into a purchase.
    await quotes.getByTestId('quote-send').click();
    await quotes.getByTestId('quote-status').filter({ hasText: '已发送' }).waitFor();
    await quotes.getByTestId('quote-accept').click();
    await quotes.getByTestId('quote-status').filter({ hasText: '已接受' }).waitFor();
    await expectMessage(page, '已接受');
    await shootBothLanguages(page, 'quotes-tab');
    await quotes.getByTestId('quote-to-purchase').click();
    await page.locator('#quote-purchase-ok').click();
    await expectMessage(page, '转为 1 条购买记录');
    await quotes.getByText('已转购买').waitFor();

    // The quote's print view: customer, lines, total, validity, signatures.
    const [printed] = await Promise.all([browser.context.waitForEvent('page'), quotes.getByTestId('quote-print').click()]);
    await printed.getByTestId('print-quote').waitFor();
    const text = await printed.getByTestId('print-quote').textContent();
    expect(text).toContain(customer);
    expect(text).toContain(product);
    expect(text).toContain('贰万伍仟元整');
    expect(text).toContain('客户确认');
    await expect(printed.getByTestId('print-quote-total').textContent()).resolves.toBe('¥25,000.00');
    await shootPrintView(printed, 'print-quote', async () => {
      await printed.getByTestId('print-quote').waitFor();
    });
    await printed.close();

    // The purchase: owed in full; a partial payment; more than owed is refused on the field.
    await page.getByTestId('tab-purchases').click();
    const purchases = page.getByTestId('purchases-table');
    await purchases.getByText(product).waitFor();
    await expect(purchases.textContent()).resolves.toContain('¥25,000.00');
    await purchases.getByTestId('payment-add').click();
    await page.getByTestId('payment-owed').getByText('尚欠 ¥25,000.00').waitFor();
    await page.locator('#payment-amount').fill('10000');
    await page.locator('#payment-form-ok').click();
    await expectMessage(page, `已登记“${product}”的回款 ¥10,000.00`);
    await purchases.getByText('¥15,000.00').waitFor();
    await purchases.getByTestId('payment-add').click();
    await page.getByTestId('payment-owed').getByText('尚欠 ¥15,000.00').waitFor();
    await page.locator('#payment-amount').fill('20000');
    await page.locator('#payment-form-ok').click();
    await page.getByTestId('message-bar').and(page.locator('[data-type="error"]')).waitFor();
    await expectMessage(page, '登记“财务管理软件 V8”的回款失败');
    await page.getByTestId('payment-form').locator('.ant-form-item-explain-error').first().waitFor();
    await shootDialog(page, 'payment-dialog');
    await page.locator('.ant-modal-close:visible').click();
    await page.locator('#payment-amount').waitFor({ state: 'hidden' });

    // The annual fee is paid: the due date moves one year on.
    await purchases.getByTestId('annual-fee-pay').click();
    await expect(page.locator('#annual-fee-amount').inputValue()).resolves.toBe('1500.00');
    await shootDialog(page, 'annual-fee-dialog');
    await page.locator('#annual-fee-form-ok').click();
    const nextDueYear = Number(dayFromToday(0).slice(0, 4)) + 2;
    await expectMessage(page, `已登记“${product}”的年费，下次到期日`);
    await expect(page.getByTestId('message-text').textContent()).resolves.toContain(`${nextDueYear}年`);

    // The payments of a purchase, expanded.
    await purchases.locator('.ant-table-row-expand-icon').first().click();
    await page.getByTestId('payments-table').getByText('¥10,000.00').waitFor();
    await page.getByTestId('annual-fee-payments-table').getByText('¥1,500.00').waitFor();
    await shootBothLanguages(page, 'purchases-tab');

    // Zone 9 on the customer: fees due within a year and what is owed.
    await page.getByTestId('tab-fees').click();
    await page.getByTestId('fees-owed-table').getByText('¥15,000.00').waitFor();
    await shootBothLanguages(page, 'fees-tab');

    expect(pageErrors).toEqual([]);
  });
});
