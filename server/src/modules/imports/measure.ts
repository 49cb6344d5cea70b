// Measures a 100,000-row xlsx import on SQLite (QUALITY.md: ≤ 15 s with the duplicate check).
// Run: node --import tsx server/src/modules/imports/measure.ts [rows] [existing customers]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createDb } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { multipart } from './test-support.js';

const rows = Number(process.argv[2] ?? 100_000);
const existing = Number(process.argv[3] ?? 0);
const cities = ['杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '衢州', '舟山', '台州'];
const trades = ['机械', '纺织', '电子', '化工', '物流', '食品', '建材', '医药', '家具', '印刷'];
const syllables = '安百博昌达鼎东帆丰福富广国海航和恒宏华汇佳嘉金锦京晶景凯康来力利联隆茂美明楠宁鹏奇启庆瑞润森盛世顺泰天通同万伟鑫新信兴旭扬亿益银永宇裕源远跃运泽展兆振正智中众卓';
const pick = (s: string, n: number) => s[n % s.length]!;
function company(i: number) {
  const brand = pick(syllables, i) + pick(syllables, Math.floor(i / 97)) + pick(syllables, Math.floor(i / 9409));
  return { name: `${cities[i % 10]}${brand}${trades[Math.floor(i / 10) % 10]}有限公司`, keyword: `${brand}${i}` };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-measure-'));
  const database = createDb(`sqlite:${join(dir, 'kehu.db')}`);
  await migrateToLatest(database.db);
  const { app } = await buildApp({ config: loadConfig({ LOG_LEVEL: 'error', KEHU_SCRYPT_N: '1024' }), database });
  await app.ready();
  const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { username: 'admin', displayName: '管理员', password: 'measure-pass-1' } });
  const cookie = String(setup.headers['set-cookie']).split(';')[0]!;
  const statusId = JSON.parse((await app.inject({ method: 'GET', url: '/api/customer-statuses', headers: { cookie } })).body)[0].id;
  for (let i = 0; i < existing; i++) {
    const c = company(rows + i);
    await app.inject({ method: 'POST', url: '/api/customers', headers: { cookie }, payload: { ...c, statusId, confirmDuplicate: true } });
  }

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  sheet.addRow(['客户名称', '关键字', '创建日期', '电话', '地址', '联系人', '手机', '邮箱']);
  for (let i = 0; i < rows; i++) {
    const c = company(i);
    sheet.addRow([c.name, c.keyword, new Date(Date.UTC(2015 + (i % 10), i % 12, 1 + (i % 28))), `0571-${80000000 + i}`, `${cities[i % 10]}市某某路${i}号`, `联系人${i % 1000}`, `1380${String(i).padStart(7, '0')}`, `c${i}@example.com`]);
  }
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  const { body, contentType } = multipart('customers.xlsx', file);

  const t0 = performance.now();
  const up = await app.inject({ method: 'POST', url: '/api/imports', headers: { cookie, 'content-type': contentType, 'x-kehu-request': '1' }, payload: body });
  const t1 = performance.now();
  const imp = JSON.parse(up.body);
  if (up.statusCode !== 201) throw new Error(up.body);
  const v = await app.inject({ method: 'POST', url: `/api/imports/${imp.id}/validate`, headers: { cookie }, payload: { mapping: imp.suggestedMapping, defaults: { statusId } } });
  const t2 = performance.now();
  const summary = JSON.parse(v.body);
  await app.inject({ method: 'POST', url: `/api/imports/${imp.id}/commit`, headers: { cookie }, payload: { duplicateAction: 'skip' } });
  let state: { status: string; created: number; processed: number };
  do {
    await new Promise((r) => setTimeout(r, 50));
    state = JSON.parse((await app.inject({ method: 'GET', url: `/api/imports/${imp.id}`, headers: { cookie } })).body);
  } while (state.status === 'committing');
  const t3 = performance.now();
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`${rows} rows (${(file.length / 1e6).toFixed(1)} MB xlsx), ${existing} existing customers`);
  console.log(`upload+parse+stage ${s(t1 - t0)} · validate ${s(t2 - t1)} (create ${summary.toCreate}, duplicates ${summary.duplicates}, rejected ${summary.rejected}) · commit ${s(t3 - t2)} (created ${state.created})`);
  console.log(`total ${s(t3 - t0)}; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  await app.close();
}

void main();
