import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, launchBrowser, type TestBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';
import { ApiSession, dayFromToday, logout, rowOf } from './support/ui.js';

// Hostile text in every text field must render as text: no handler runs, no element is injected.
const img = '<img src=x onerror="window.__xss=1">';
const script = '<script>window.__xss=1</script>';
const svg = '"><svg onload=window.__xss=1>';
const jsUrl = 'javascript:alert(1)';
const all = `${img} ${script} ${svg} ${jsUrl}`;

const customerName = `${img}${svg}`;
const deletedName = `${script}回收`;

const runs = browserAvailable();

/** The DOM after a screen has rendered: nothing from the payloads may have become markup or run. */
const probe = `(() => ({
  xss: typeof window.__xss,
  imgs: document.querySelectorAll('img[src="x"]').length,
  handlers: document.querySelectorAll('[onerror],[onload]').length,
  scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent || '').includes('__xss')).length,
  jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:')).length,
  text: document.body.innerText,
}))()`;

interface Probe {
  xss: string;
  imgs: number;
  handlers: number;
  scripts: number;
  jsLinks: number;
  text: string;
}

describe.skipIf(!runs)('hostile text renders as text on every screen', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const dialogs: string[] = [];
  const violations: string[] = [];
  const ids = { customer: '', quote: '', service: '' };

  async function del(session: ApiSession, path: string) {
    const res = await fetch(`${server.baseUrl}${path}`, { method: 'DELETE', headers: { Cookie: session.cookie } });
    if (!res.ok) throw new Error(`DELETE ${path}: ${res.status} ${await res.text()}`);
  }

  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.setup(server.baseUrl);
    const { id: salesId } = await admin.post('/api/users', { username: 'xsales', displayName: `张三${svg}`, role: 'sales', password: 'sales-pass-1', department: script });
    const { id: otherId } = await admin.post('/api/users', { username: 'xother', displayName: `李四${img}`, role: 'sales', password: 'sales-pass-2' });
    const { id: engineerId } = await admin.post('/api/users', { username: 'xeng', displayName: img, role: 'staff', password: 'staff-pass-1', department: svg });
    const { id: statusId } = await admin.post('/api/customer-statuses', { name: svg });
    await admin.post('/api/generic-keywords', { word: '<b>有限</b>' });
    const { id: supplierId } = await admin.post('/api/suppliers', { name: img, contactName: svg, phone: svg, address: script, bankName: script, notes: all });
    const { id: productId } = await admin.post('/api/products', {
      code: '<svg onload=x>',
      name: `${img}软件`,
      model: svg,
      unit: '<b>套</b>',
      price: '1000.00',
      annualFee: '100.00',
      supplierId,
      category: script,
      notes: all,
    });

    const sales = await ApiSession.login(server.baseUrl, 'xsales', 'sales-pass-1');
    const cid = (ids.customer = (
      await sales.post('/api/customers', {
        name: customerName,
        keyword: '<script>',
        statusId,
        industry: script,
        source: svg,
        region: img,
        address: all,
        phone: svg,
        website: jsUrl,
        notes: all,
      })
    ).id);
    const { id: contactId } = await sales.post(`/api/customers/${cid}/contacts`, { name: img, title: svg, mobile: script, phone: svg, wechat: script, qq: '<b>1</b>', isPrimary: true, notes: all });
    await sales.post(`/api/customers/${cid}/activities`, { occurredOn: dayFromToday(-5), method: 'visit', content: all, nextFollowUpOn: dayFromToday(-1) });
    ids.quote = (await sales.post(`/api/customers/${cid}/quotes`, { quotedOn: dayFromToday(-3), validUntil: dayFromToday(20), notes: all, lines: [{ productId, quantity: 2 }] })).id;
    const { id: purchaseId } = await sales.post(`/api/customers/${cid}/purchases`, {
      productId,
      quantity: 1,
      purchasedOn: dayFromToday(-300),
      annualFee: '100.00',
      annualFeeDueOn: dayFromToday(10),
      notes: all,
    });
    await sales.post(`/api/customers/${cid}/purchases/${purchaseId}/payments`, { amount: '100.00', paidOn: dayFromToday(-200), method: 'cash', notes: all });
    ids.service = (
      await sales.post(`/api/customers/${cid}/service-requests`, {
        title: img,
        description: all,
        priority: 'urgent',
        purchaseId,
        contactId,
        channel: 'wechat',
        assigneeId: engineerId,
        status: 'in_progress',
        resolution: `${script}${svg}`,
        timeSpentMinutes: 30,
      })
    ).id;
    await sales.post('/api/delegations', { customerIds: [cid], toUserId: otherId, endsOn: dayFromToday(30) });
    const gone = (await sales.post('/api/customers', { name: deletedName, keyword: '回收', statusId, notes: all, confirmDuplicate: true })).id;
    await del(sales, `/api/customers/${gone}`);
    expect(salesId).toBeTruthy();

    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    browser.context.on('page', (p) => {
      p.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => violations.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Waits for the screen to settle, then checks that nothing ran or was injected. Returns the visible text. */
  async function assertSafe(p: Page, where: string): Promise<string> {
    await p.waitForLoadState('networkidle');
    await p.waitForTimeout(150);
    const r = (await p.evaluate(probe)) as Probe;
    expect({ where, xss: r.xss, imgs: r.imgs, handlers: r.handlers, scripts: r.scripts, jsLinks: r.jsLinks }).toEqual({
      where,
      xss: 'undefined',
      imgs: 0,
      handlers: 0,
      scripts: 0,
      jsLinks: 0,
    });
    expect({ where, dialogs, violations }).toEqual({ where, dialogs: [], violations: [] });
    return r.text;
  }

  async function assertShowsPayload(p: Page, where: string, payload: string = img) {
    const text = await assertSafe(p, where);
    expect(text, `${where} should show the payload as text`).toContain(payload);
  }

  async function signIn(username: string, password: string) {
    await page.goto(`${server.baseUrl}/login`);
    await page.locator('#login-username').fill(username);
    await page.locator('#login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
  }

  /** Every entry of the main menu, whatever the menu holds when this runs. */
  async function visitMenu(who: string) {
    const entries = (await page.evaluate(
      `[...document.querySelectorAll('.ant-layout-sider [data-testid^="nav-"]')].map((e) => e.getAttribute('data-testid'))`,
    )) as string[];
    expect(entries.length).toBeGreaterThan(2);
    for (const testId of entries) {
      await page.locator('.ant-layout-sider').getByTestId(testId).click();
      await assertSafe(page, `${who} ${testId}`);
    }
  }

  async function visitCustomer(who: string) {
    await page.getByTestId('nav-customers').click();
    await rowOf(page, '<img src=x onerror').click();
    await assertShowsPayload(page, `${who} customer details`, jsUrl);
    await assertShowsPayload(page, `${who} status panel`, svg);
    for (const tab of ['contacts', 'activities', 'quotes', 'purchases', 'fees', 'service', 'delegations']) {
      const label = page.getByTestId(`tab-${tab}`);
      if ((await label.count()) === 0) continue;
      await label.click();
      await assertShowsPayload(page, `${who} tab ${tab}`, tab === 'delegations' ? '李四<img' : img);
      if (tab === 'purchases') {
        const expand = page.locator('[data-testid="purchases-table"] .ant-table-row-expand-icon').first();
        if ((await expand.count()) > 0) {
          await expand.click();
          await assertShowsPayload(page, `${who} purchase payments`, script);
        }
      }
      if (tab === 'service') {
        await page.getByTestId('service-table').locator('tr.ant-table-row').first().dblclick();
        await page.locator('#service-title').waitFor();
        await assertSafe(page, `${who} service dialog`);
        await expect(page.locator('#service-title').inputValue()).resolves.toBe(img);
        await page.locator('.ant-modal:visible').getByRole('button', { name: /取\s*消/ }).click();
        await page.locator('#service-title').waitFor({ state: 'detached' });
      }
    }
    await page.getByTestId('customer-edit').click();
    await page.locator('.ant-modal:visible').waitFor();
    await assertSafe(page, `${who} customer dialog`);
    await page.locator('.ant-modal:visible').getByRole('button', { name: /取\s*消/ }).click();
  }

  async function visitDesk(who: string) {
    await page.getByTestId('nav-service-desk').click();
    await page.getByTestId('desk-scope-all').click();
    await assertShowsPayload(page, `${who} service desk`);
    await page.getByTestId('desk-table').locator('tr.ant-table-row').first().click();
    await page.getByTestId('desk-detail').waitFor();
    await assertShowsPayload(page, `${who} service desk drawer`, script);
    await page.locator('.ant-drawer-close').click();
  }

  async function visitPrints(who: string) {
    const views: [string, string][] = [
      [`/print/customer/${ids.customer}`, 'print-customer'],
      ['/print/customers', 'print-list'],
      [`/print/quote/${ids.customer}/${ids.quote}`, 'print-quote'],
      [`/print/service/${ids.service}`, 'print-service'],
    ];
    for (const [path, testId] of views) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByTestId(testId).waitFor();
      await assertShowsPayload(page, `${who} ${path}`);
    }
  }

  it('shows the payloads as text to the admin, the salesperson and the engineer', async () => {
    await signIn('admin', 'admin-pass-1');
    await assertSafe(page, 'admin home');
    await visitMenu('admin');
    await page.getByTestId('nav-staff').click();
    await assertShowsPayload(page, 'admin staff', svg);
    await page.getByTestId('nav-audit').click();
    await assertShowsPayload(page, 'admin audit');
    await page.getByTestId('nav-recycle-bin').click();
    await assertShowsPayload(page, 'admin recycle bin', script);
    await visitCustomer('admin');
    await visitDesk('admin');
    await visitPrints('admin');
    await page.goto(`${server.baseUrl}/`);
    await logout(page);

    await signIn('xsales', 'sales-pass-1');
    await assertShowsPayload(page, 'sales header', svg);
    await visitMenu('sales');
    await page.getByTestId('nav-followups').click();
    await assertShowsPayload(page, 'sales due follow-ups');
    await page.getByTestId('nav-delegations').click();
    await assertShowsPayload(page, 'sales delegations');
    await visitCustomer('sales');
    await visitDesk('sales');
    await visitPrints('sales');
    await page.goto(`${server.baseUrl}/`);
    await logout(page);

    // The engineer (a staff member with a hostile name) on his service desk.
    await signIn('xeng', 'staff-pass-1');
    await page.getByTestId('service-desk-page').waitFor();
    await assertShowsPayload(page, 'engineer service desk');
    await visitMenu('engineer');
    await page.getByTestId('nav-service-desk').click();
    await page.getByTestId('desk-table').locator('tr.ant-table-row').first().click();
    await page.getByTestId('desk-detail').waitFor();
    await assertShowsPayload(page, 'engineer drawer', script);
    await page.goto(`${server.baseUrl}/print/service/${ids.service}`);
    await page.getByTestId('print-service').waitFor();
    await assertShowsPayload(page, 'engineer service report');
  });
});
