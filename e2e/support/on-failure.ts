import { join } from 'node:path';
import { afterEach } from 'vitest';
import { launched, pageJournal } from './browser.js';
import { serverLogs } from './server.js';
import { shots } from './ui.js';

/**
 * When a browser test fails, says what the browser showed at that moment: a CI run keeps only the
 * log, and "waiting for … timed out" alone does not tell a lost click from a refused request.
 * For every open page: its URL, the message strip, any visible form errors and dialog titles, its
 * recent API answers and errors, and a screenshot; then the tail of each running server's output.
 */
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const slug = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  const lines: string[] = [`--- state of the browser when "${ctx.task.name}" failed`];
  let n = 0;
  for (const context of launched) {
    for (const page of context.pages()) {
      n += 1;
      try {
        lines.push(`page ${n}: ${page.url()}`);
        const visibleTexts = async (selector: string) =>
          page.locator(selector).evaluateAll((els) => els.filter((e) => (e as unknown as { offsetParent: unknown }).offsetParent !== null).map((e) => (e.textContent ?? '').trim()));
        lines.push(`  message strip: ${JSON.stringify(await visibleTexts('[data-testid="message-text"]'))}`);
        lines.push(`  dialogs: ${JSON.stringify(await visibleTexts('.ant-modal-title'))}`);
        lines.push(`  form errors: ${JSON.stringify(await visibleTexts('.ant-form-item-explain-error'))}`);
        for (const line of pageJournal.get(page) ?? []) lines.push(`  ${line}`);
        const path = join(shots, `failure-${slug}-${n}.png`);
        await page.screenshot({ path, timeout: 5_000 });
        lines.push(`  screenshot: ${path}`);
      } catch (e) {
        lines.push(`  (could not inspect the page: ${(e as Error).message.split('\n')[0]})`);
      }
    }
  }
  for (const [url, log] of serverLogs) lines.push(`server ${url}, last output:`, log().slice(-3_000) || '(none)');
  console.error(lines.join('\n'));
});
