import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { businessDate } from '../../server/src/lib/clock.js';
import { addDays } from '../../server/src/lib/dates.js';

export const shots = join(import.meta.dirname, '..', 'screenshots');

export async function setLanguage(page: Page, lang: 'zh' | 'en') {
  await page.locator('.ant-segmented').filter({ hasText: 'English' }).getByText(lang === 'en' ? 'English' : '中文', { exact: true }).click();
}

/** Switches the language while a dialog covers the header (the dialog and what is typed in it stay). */
export async function setLanguageUnderDialog(page: Page, lang: 'zh' | 'en') {
  await page
    .locator('.ant-segmented')
    .filter({ hasText: 'English' })
    .getByText(lang === 'en' ? 'English' : '中文', { exact: true })
    .evaluate((el) => (el as unknown as { click: () => void }).click());
}

/** Screenshots an open dialog in Chinese and in English, keeping what was typed, ending in Chinese. */
export async function shootDialog(page: Page, name: string) {
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(shots, `${name}.zh-CN.png`) });
  await setLanguageUnderDialog(page, 'en');
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(shots, `${name}.en-US.png`) });
  await setLanguageUnderDialog(page, 'zh');
  await page.waitForTimeout(100);
}

export interface Overlay {
  open: () => Promise<void>;
  close: () => Promise<void>;
}

/** Screenshots the screen in Chinese and in English (reopening any overlay after switching), ending in Chinese. */
export async function shootBothLanguages(page: Page, name: string, overlay?: Overlay) {
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

/** Screenshots a page without the language switch (the print views) by reloading it in each language. */
export async function shootPrintView(page: Page, name: string, ready: () => Promise<void>) {
  await ready();
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(shots, `${name}.zh-CN.png`), fullPage: true });
  await page.evaluate("localStorage.setItem('kehu.locale', 'en-US')");
  await page.reload();
  await ready();
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(shots, `${name}.en-US.png`), fullPage: true });
  await page.evaluate("localStorage.setItem('kehu.locale', 'zh-CN')");
}

/** Logs in and lands on the home page (the dashboard of admins and salespeople). */
export async function loginHome(page: Page, username: string, password: string) {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

/** Logs in and opens the customer screen (one click from the dashboard). */
export async function login(page: Page, username: string, password: string) {
  await loginHome(page, username, password);
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customers-page').waitFor();
}

export async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await page.locator('#login-username').waitFor();
}

export async function expectMessage(page: Page, text: string) {
  await page.getByTestId('message-text').filter({ hasText: text }).waitFor();
}

export const menuItem = (page: Page, name: string | RegExp) => page.locator('.ant-dropdown:visible').getByRole('menuitem', { name });
export const rowOf = (page: Page, name: string): Locator => page.getByTestId('customer-table').locator('tr.ant-table-row').filter({ hasText: name });

/** Picks a date in an antd DatePicker by typing it. */
export async function pickDate(page: Page, selector: string, ymd: string) {
  const input = page.locator(selector);
  await input.click();
  await input.fill(ymd);
  await input.press('Enter');
}

/** Chooses an option of an antd Select by its label. */
export async function pickOption(page: Page, selector: string, label: string) {
  await page.locator(selector).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
}

/**
 * The business time zone of the server under test (it runs with the default) and of the browser
 * (browser.ts): the users of a team in China, whatever the zone of the machine running the tests.
 */
export const businessTimeZone = process.env.KEHU_TIMEZONE ?? 'Asia/Shanghai';

/**
 * A YYYY-MM-DD date `days` from today's business date. Not the machine's local date: between
 * 16:00 and 24:00 UTC the server's today (Asia/Shanghai) is already tomorrow in UTC, and "overdue
 * by 3 days" read 4.
 */
export function dayFromToday(days: number): string {
  return addDays(businessDate(new Date(), businessTimeZone), days);
}

/** Seeding through the API as one user (cookie session). */
export class ApiSession {
  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
  ) {}

  static async setup(baseUrl: string): Promise<ApiSession> {
    const res = await fetch(`${baseUrl}/api/setup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', displayName: '管理员', password: 'admin-pass-1' }),
    });
    if (res.status !== 201) throw new Error(`setup: ${res.status} ${await res.text()}`);
    return new ApiSession(baseUrl, res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
  }

  static async login(baseUrl: string, username: string, password: string): Promise<ApiSession> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return new ApiSession(baseUrl, res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { Cookie: this.cookie } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async post<T = { id: string }>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: this.cookie },
      body: JSON.stringify(body),
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async createCustomer(name: string, keyword: string, extra: Record<string, unknown> = {}): Promise<string> {
    const statuses = await this.get<{ id: string }[]>('/api/customer-statuses');
    return (await this.post('/api/customers', { name, keyword, statusId: statuses[0]?.id, ...extra })).id;
  }
}
