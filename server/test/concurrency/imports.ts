import { expect, it } from 'vitest';
import { range, statuses, type Call, type Cluster } from './cluster.js';

// An import's commit (in the background, after its request) merging contacts into customers
// that their owner is editing at the same moment, and creating customers beside status changes
// of others: the search index and the counters stay what a recount gives.

const NEW_ROWS = 200;
const WAVES = 6;

export function importCases(get: () => Cluster) {
  it('keeps the index and counters right when an import merges into customers being edited', async () => {
    const c = get();
    const before = await c.problems();
    const { client: owner } = await c.user();
    const existing: { id: string; keyword: string; version: number }[] = [];
    for (const i of range(6)) {
      const keyword = c.unique('合并');
      const res = await c.must(owner, 'POST', '/api/customers', { name: `${keyword}有限公司`, keyword, statusId: c.statusIds[i % 2], confirmDuplicate: true }, 201);
      existing.push({ id: res.id as string, keyword, version: res.version as number });
    }
    const prefix = c.unique('导');
    const rows = [
      ['客户名称', '关键字', '联系人', '手机'],
      ...existing.map((k, i) => [`${k.keyword}分部`, `${k.keyword}部`, `合并联系人${i}`, `1350000000${i}`]),
      ...range(NEW_ROWS).map((i) => [`${prefix}${i}号贸易公司`, `${prefix}${i}号`, `新联系人${i}`, `133${String(i).padStart(8, '0')}`]),
    ];
    const upload = await c.must(owner, 'POST', '/api/imports', { fileName: 'race.csv', csv: rows.map((r) => r.join(',')).join('\n') + '\n' }, 201);
    const path = `/api/imports/${upload.id}`;
    let imp = await c.must(owner, 'POST', `${path}/validate`, { mapping: ['name', 'keyword', 'contact1.name', 'contact1.mobile'], defaults: { statusId: c.statusIds[0] } }, 200);
    for (let i = 0; imp.status !== 'validated' && i < 300; i++) imp = await c.must(owner, 'GET', path, undefined, 200);
    expect(imp).toMatchObject({ status: 'validated', toCreate: NEW_ROWS, duplicates: existing.length });

    const edits = (wave: number, versions: number[]): Call[] =>
      existing.flatMap((k, i) => [
        {
          as: c.on(owner, i + wave), method: 'PATCH' as const, path: `/api/customers/${k.id}`,
          body: { version: versions[i], phone: `0571-${wave}${i}`, statusId: c.statusIds[(i + wave) % 3] },
        },
        { as: c.on(owner, i + wave + 1), method: 'POST' as const, path: `/api/customers/${k.id}/contacts`, body: { name: `编辑联系人${wave}`, mobile: `1340000${wave}00${i}` } },
      ]);
    const first = await c.race([{ as: c.on(owner, 0), method: 'POST', path: `${path}/commit`, body: { duplicateAction: 'merge' } }, ...edits(0, existing.map((k) => k.version))]);
    expect.soft(first[0]!.status, JSON.stringify(first[0]!.body)).toBe(202);
    expect.soft(statuses(first.slice(1)).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    // Further waves of edits while the commit is still running.
    for (let wave = 1; wave <= WAVES; wave++) {
      if ((await c.must(owner, 'GET', path, undefined, 200)).status !== 'committing') break;
      const versions = [];
      for (const k of existing) versions.push((await c.must(owner, 'GET', `/api/customers/${k.id}`, undefined, 200)).version as number);
      await c.race(edits(wave, versions));
    }
    for (let i = 0; i < 600 && (imp = await c.must(owner, 'GET', path, undefined, 200)).status === 'committing'; i++) await new Promise((r) => setTimeout(r, 50));
    expect.soft(imp).toMatchObject({ status: 'done', created: NEW_ROWS, merged: existing.length });
    await c.expectConsistent(before);
  }, 150_000);
}
