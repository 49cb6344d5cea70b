import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/harness.js';

// Exports stream: 100,000 customers go out with memory that does not grow with the file.
// Measured by sampling the heap while the response streams, not by timing anything.

const ROWS = 100_000;
const NOTES = '备注'.repeat(100); // ~600 bytes per row in UTF-8: a ~70 MB file

describeEachDb('export of 100k customers', (get) => {
  it('streams the whole list with flat memory', async () => {
    const t = get();
    const owner = await t.sessionFor('sales');
    const now = new Date().toISOString();
    const statusId = Number((await t.get('/api/customer-statuses', owner)).body[0].id);
    for (let start = 0; start < ROWS; start += 1000) {
      const batch = Array.from({ length: 1000 }, (_, i) => {
        const n = start + i;
        return {
          name: `批量客户${n}`, name_norm: `批量客户${n}`, keyword: `批量${n}`, keyword_norm: `批量${n}`,
          status_id: statusId, owner_id: Number(owner.user.id), created_on: '2026-01-01',
          industry: '', source: '', region: '', address: '', phone: '', website: '', notes: NOTES,
          search_text: '', version: 1, created_at: now, updated_at: now, deleted_at: null, deleted_by: null,
          next_follow_up_on: null,
        };
      });
      await t.db.insertInto('customers').values(batch).execute();
    }

    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    expect(address).toContain(String(port));
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc (vitest.config.ts sets it)');
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const res = await fetch(`http://127.0.0.1:${port}/api/customers/export?format=csv`, { headers: { cookie: owner.cookie } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let chunks = 0;
    let peak = baseline;
    let bytes = 0;
    let newlines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === 0x0a) newlines++;
      // Live memory every 200 chunks: collect the garbage first.
      if (++chunks % 200 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(newlines).toBe(ROWS + 1);
    expect(bytes).toBeGreaterThan(50 * 1024 * 1024);
    // Buffering the export would need at least the file's size; streaming needs a few batches.
    const growth = peak - baseline;
    expect(chunks).toBeGreaterThan(400);
    console.log(`export: ${(bytes / 1048576).toFixed(1)} MB streamed, heap peak +${(growth / 1048576).toFixed(1)} MB`);
    expect(growth).toBeLessThan(bytes / 5);

    // The same list as xlsx, through exceljs' streaming writer.
    gc();
    const xlsxBaseline = process.memoryUsage().heapUsed;
    const xlsx = await fetch(`http://127.0.0.1:${port}/api/customers/export?format=xlsx`, { headers: { cookie: owner.cookie } });
    const xlsxReader = xlsx.body!.getReader();
    let xlsxBytes = 0;
    let xlsxPeak = xlsxBaseline;
    let xlsxChunks = 0;
    for (;;) {
      const { done, value } = await xlsxReader.read();
      if (done) break;
      xlsxBytes += value.length;
      if (++xlsxChunks % 20 === 0) {
        gc();
        xlsxPeak = Math.max(xlsxPeak, process.memoryUsage().heapUsed);
      }
    }
    console.log(`xlsx export: ${(xlsxBytes / 1048576).toFixed(1)} MB streamed, heap peak +${((xlsxPeak - xlsxBaseline) / 1048576).toFixed(1)} MB`);
    expect(xlsxBytes).toBeGreaterThan(1024 * 1024);
    // The uncompressed sheet is as large as the CSV; streaming keeps far less of it in memory.
    expect(xlsxPeak - xlsxBaseline).toBeLessThan(bytes / 5);
  }, 180_000);
});
