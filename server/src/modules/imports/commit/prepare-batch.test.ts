import { afterEach, describe, expect, it } from 'vitest';
import { prepareBatch, type BatchPlan, type ResultRow } from './prepare-batch.js';
import { inPlacePreparer, threadPreparer, type BatchPreparer } from './prepare-batch-thread.js';
import type { ContactData, RowData } from '../validate/check-row.js';
import { CONTACT_COLUMNS, CUSTOMER_COLUMNS, type NewRows, type NewRowsJson } from '../../customers/batch-rows.js';

// The worker thread prepares exactly what prepareBatch prepares in place, and a batch it cannot
// prepare fails the commit instead of being lost.

const plan: BatchPlan = {
  importId: 7,
  dialect: 'sqlite',
  duplicateAction: 'merge',
  perRow: new Map([[3, 'skip']]),
  names: { statuses: new Map([[1, '潜在客户']]), owners: new Map([[2, '王小明']]) },
};

const contact = (name: string, mobile: string): ContactData => ({ name, title: '', mobile, phone: '', email: '', wechat: '', qq: '' });

function row(rowNo: number, outcome: ResultRow['outcome'], name: string, contacts: ContactData[] = [], createdOn = '2019-03-15'): ResultRow {
  const data: RowData = {
    name, keyword: name.slice(0, 2), statusId: 1, ownerId: 2, createdOn, industry: '', source: '', region: '',
    address: '', phone: '0755-86001234', website: '', notes: '', contacts,
  };
  return { row_no: rowNo, outcome, data: JSON.stringify(data), merge_target: outcome === 'duplicate' ? 'c:42' : null };
}

const results: ResultRow[] = [
  row(1, 'create', '深圳中兴通讯有限公司', [contact('李雷', '13800138000')]),
  row(2, 'duplicate', '华为技术有限公司', [contact('韩梅梅', '13900139000')]),
  row(3, 'duplicate', '北京字节跳动'),
  row(4, 'rejected', ''),
  row(5, 'create', 'Zentech 𠀋 Ltd'),
];

describe('import batch preparer', () => {
  let preparer: BatchPreparer | undefined;
  afterEach(async () => {
    await preparer?.close();
    preparer = undefined;
  });

  it('prepares on the worker thread exactly what prepareBatch prepares in place, batch after batch', async () => {
    preparer = threadPreparer(plan);
    const want = prepareBatch(results, 0, plan);
    expect(want.created.rowNos).toEqual([1, 5]);
    expect(want.toMerge).toHaveLength(1);
    expect(await preparer.prepare(results, 0)).toEqual(want);
    expect(await preparer.prepare(results.slice(2), 2)).toEqual(prepareBatch(results.slice(2), 2, plan));
    expect(await inPlacePreparer(plan).prepare(results, 0)).toEqual(want);
  });

  it('creates a batch in order of creation date, rows of the same date in file order', () => {
    const dated = [row(1, 'create', '甲公司', [], '2021-05-01'), row(2, 'create', '乙公司', [], '2015-01-09'), row(3, 'create', '丙公司', [], '2021-05-01'), row(4, 'create', '丁公司', [], '2018-12-31')];
    expect(prepareBatch(dated, 0, plan).created.rowNos).toEqual([2, 4, 1, 3]);
  });

  it('places each contact and log entry by its customer, and gives PostgreSQL the same rows as JSON', () => {
    const { created } = prepareBatch(results, 0, plan);
    const rows = created.rows as NewRows;
    expect(rows.customers.map((c) => c.name)).toEqual(['深圳中兴通讯有限公司', 'Zentech 𠀋 Ltd']);
    expect(rows.contacts).toMatchObject([{ customer_id: 0, name: '李雷', is_primary: 1 }]);
    expect(rows.logs.map((l) => [l.row_no, l.entity, l.customer, l.contact])).toEqual([
      [1, 'customer', 0, null],
      [5, 'customer', 1, null],
      [1, 'contact', 0, 0],
    ]);
    expect(Object.fromEntries(created.counts)).toEqual({ '2/1': 2 });
    for (const c of rows.customers) expect(Object.keys(c).sort()).toEqual([...CUSTOMER_COLUMNS].sort());
    expect(Object.keys(rows.contacts[0]!).sort()).toEqual([...CONTACT_COLUMNS].sort());
    const onPostgres = prepareBatch(results, 0, { ...plan, dialect: 'postgres' }).created;
    const json = onPostgres.rows as NewRowsJson;
    expect({ customers: JSON.parse(json.customers), contacts: JSON.parse(json.contacts), logs: JSON.parse(json.logs) }).toEqual(rows);
    expect(onPostgres.rowNos).toEqual(created.rowNos);
  });

  it('rejects a batch it cannot prepare, and goes on with the next', async () => {
    preparer = threadPreparer(plan);
    const broken = { ...results[0]!, data: '{not json' };
    await expect(preparer.prepare([broken], 0)).rejects.toThrow(/JSON/);
    expect(await preparer.prepare(results, 0)).toEqual(prepareBatch(results, 0, plan));
  });
});
