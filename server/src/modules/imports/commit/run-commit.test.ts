import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { inconsistencies } from '../../../../test/consistency.js';
import { describeEachDb, type Session, type TestApp } from '../../../../test/harness.js';
import { down as downToFileOrder, up as upToDateOrder } from '../../../db/migrations/2026_11_27_1800_import_commit_in_date_order.js';
import { down as downToIndexLimit, up as upToSessionLimit } from '../../../db/migrations/2026_11_27_1900_search_pending_list_per_session.js';
import { down as downToImportKeys, up as upToNoImportKeys } from '../../../db/migrations/2026_11_27_2100_import_tables_without_foreign_keys.js';
import { allowLongPendingList } from '../../../search/index.js';
import { LEASE_MS, runCommit } from './run-commit.js';
import { commitOrder, deleteImport } from '../repo.js';
import { upload, utf8Csv, waitForCommit } from '../../../../test/imports/helpers.js';

const header = ['客户名称', '关键字', '联系人', '手机'];
const mapping = ['name', 'keyword', 'contact1.name', 'contact1.mobile'];

describeEachDb('import commit and undo', (get) => {
  let t: TestApp;
  let sales: Session;
  let statusId: string;

  async function prepared(as: Session, rows: string[][], columns = { header, mapping }) {
    const up = await upload(t, as, 'c.csv', utf8Csv([columns.header, ...rows]));
    expect(up.status, up.text).toBe(201);
    const v = await t.post(`/api/imports/${up.body.id}/validate`, { mapping: columns.mapping, defaults: { statusId } }, as);
    expect(v.status, v.text).toBe(200);
    return up.body.id as string;
  }
  async function committed(as: Session, id: string, body: Record<string, unknown>) {
    const c = await t.post(`/api/imports/${id}/commit`, body, as);
    expect(c.status, c.text).toBe(202);
    return (await waitForCommit(t, as, id)).body;
  }
  /** Starts the admin's commit as the commit request would, and writes one batch, as if the process then died. */
  async function firstBatchOnly(id: string, duplicateAction: 'skip' | 'merge') {
    await t.db
      .updateTable('imports')
      .set({ status: 'committing', duplicate_action: duplicateAction, per_row: '{}', committed_by: Number(t.admin.user.id), commit_started_at: t.clock.now().toISOString() })
      .where('id', '=', Number(id))
      .execute();
    await runCommit(t.ctx, Number(id), { maxBatches: 1 });
  }
  const contactsOf = async (as: Session, name: string) => {
    const found = (await t.get(`/api/customers?q=${encodeURIComponent(name)}`, as)).body.items[0];
    return (await t.get(`/api/customers/${found.id}/contacts`, as)).body.items.map((c: { name: string }) => c.name).sort();
  };

  it('merges contacts only into a customer the importer may see, or an earlier row of the file', async () => {
    t = get();
    sales = await t.sessionFor('sales');
    const other = await t.sessionFor('sales');
    statusId = (await t.get('/api/customer-statuses', sales)).body[0].id;
    await t.post('/api/customers', { name: '苏州工业园区星海电子有限公司', keyword: '星海电子', statusId }, sales);
    await t.post('/api/customers', { name: '无锡太湖渔业有限公司', keyword: '太湖渔业', statusId }, other);
    const id = await prepared(sales, [
      ['星海电子（苏州）', '星海苏州', '周一', '13700000001'],
      ['太湖渔业二部', '渔业二部', '吴二', '13700000002'],
      ['常州龙城精工有限公司', '龙城精工', '郑三', '13700000003'],
      ['龙城精工常州', '精工常州', '王四', '13700000004'],
    ]);
    const done = await committed(sales, id, { duplicateAction: 'merge' });
    expect(done).toMatchObject({ status: 'done', created: 1, merged: 2, skipped: 1 });
    expect(await contactsOf(sales, '星海电子')).toEqual(['周一']);
    expect(await contactsOf(sales, '龙城精工')).toEqual(['王四', '郑三']);
    // The other salesperson's customer got nothing.
    expect(await contactsOf(other, '太湖渔业')).toEqual([]);
    // Merged contacts are found by search.
    expect((await t.get(`/api/customers?q=13700000004`, sales)).body.items.map((c: { name: string }) => c.name)).toEqual(['常州龙城精工有限公司']);
    expect(await inconsistencies(t.db)).toEqual([]);
    // The audit trail of the created customer: its own entry, its contact's, the merged contact's,
    // each naming the row it was made of, with its changes as compact JSON on both databases.
    const created = await t.db.selectFrom('customers').select('id').where('name', '=', '常州龙城精工有限公司').executeTakeFirstOrThrow();
    const contacts = await t.db.selectFrom('contacts').select(['id', 'name']).where('customer_id', '=', created.id).orderBy('id').execute();
    const audit = await t.db.selectFrom('audit_log').select(['entity', 'entity_id', 'action', 'changes']).where('customer_id', '=', created.id).orderBy('id').execute();
    expect(audit.map((a) => [a.entity, a.entity_id, a.action])).toEqual([
      ['customer', String(created.id), 'imported'],
      ['contact', String(contacts[0]!.id), 'imported'],
      ['contact', String(contacts[1]!.id), 'imported'],
    ]);
    for (const a of audit) expect(a.changes).toBe(JSON.stringify(JSON.parse(a.changes)));
    expect(JSON.parse(audit[0]!.changes)).toContainEqual({ field: 'keyword', old: null, new: '龙城精工' });
    expect(JSON.parse(audit[1]!.changes)).toContainEqual({ field: 'name', old: null, new: '郑三' });
    const records = await t.db.selectFrom('import_records').select(['row_no', 'entity', 'entity_id']).where('import_id', '=', Number(id)).where('customer_id', '=', created.id).orderBy('row_no').orderBy('entity', 'desc').execute();
    expect(records.map((r) => [Number(r.row_no), r.entity, r.entity_id])).toEqual([
      [4, 'customer', String(created.id)],
      [4, 'contact', String(contacts[0]!.id)],
      [5, 'contact', String(contacts[1]!.id)],
    ]);
  });

  it('creates duplicates anyway or skips them, per row overriding the default', async () => {
    const id = await prepared(sales, [
      ['星海电子南京分部', '星海南京', '', ''],
      ['星海电子杭州分部', '星海杭州', '', ''],
    ]);
    const done = await committed(sales, id, { duplicateAction: 'skip', perRow: { '3': 'create' } });
    expect(done).toMatchObject({ created: 1, skipped: 1 });
    expect((await t.get(`/api/customers?q=${encodeURIComponent('星海杭州')}`, sales)).body.total).toBe(1);
    expect((await t.get(`/api/customers?q=${encodeURIComponent('星海南京')}`, sales)).body.total).toBe(0);
  });

  it('indexes a name holding the characters the index reserves as if they were absent', async () => {
    // PostgreSQL receives each customer's terms joined by U+0001 and splits them (search/postgres-term-store.ts).
    const id = await prepared(t.admin, [['保留\u0001字符\u0002测试公司', '保留字符', '联\u0001系人', '13912345678']]);
    expect(await committed(t.admin, id, { duplicateAction: 'skip' })).toMatchObject({ status: 'done', created: 1 });
    for (const q of ['保留字符测试', '联系人', 'blzf']) {
      const found = (await t.get(`/api/customers?q=${encodeURIComponent(q)}`, t.admin)).body.items.map((c: { keyword: string }) => c.keyword);
      expect(found, q).toContain('保留字符');
    }
    expect(await inconsistencies(t.db)).toEqual([]);
  });

  it('commits 10,000 rows in batches with exact counters and search index, and records the import in the audit trail', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`批量测试${i}号客户`, `批量${i}号`, `联系人${i}`, `139${String(i).padStart(8, '0')}`]);
    const id = await prepared(t.admin, rows);
    const before = Number((await t.get('/api/customers?pageSize=1', t.admin)).body.total);
    const done = await committed(t.admin, id, { duplicateAction: 'skip' });
    expect(done).toMatchObject({ status: 'done', total: 10_000, processed: 10_000, created: 10_000, skipped: 0, rejected: 0 });
    expect(Number((await t.get('/api/customers?pageSize=1', t.admin)).body.total)).toBe(before + 10_000);
    expect((await t.get(`/api/customers?q=13900009999`, t.admin)).body.items[0].name).toBe('批量测试9999号客户');
    expect(await inconsistencies(t.db)).toEqual([]);
    const audit = (await t.get('/api/audit?entity=import', t.admin)).body.items;
    expect(audit[0]).toMatchObject({ entity: 'import', entityId: id, action: 'imported' });
    const log = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'imported').where('entity', '=', 'customer').executeTakeFirstOrThrow();
    expect(Number(log.n)).toBeGreaterThanOrEqual(10_000);
    if (t.kind === 'postgres') {
      // The planner learns the new sizes at once (repo.refreshStatistics), not when autovacuum
      // gets round to it: the next import's duplicate check depends on it.
      const { rows } = await sql<{ n: string }>`select n_live_tup::text as n from pg_stat_user_tables where relname = 'customers' and last_analyze is not null`.execute(t.db);
      expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(10_000);
      // And the report's size before its rows are read by number (repo.analyzeResults).
      const results = await sql<{ n: string }>`select n_live_tup::text as n from pg_stat_user_tables where relname = 'import_results' and last_analyze is not null`.execute(t.db);
      expect(Number(results.rows[0]?.n)).toBeGreaterThanOrEqual(10_000);
      // The search index's pending list is the session's to size (migration 1900): 512 kB for
      // the app's connections, the import's 4 MB only inside its own transactions.
      const limit = async () => (await sql<{ gin_pending_list_limit: string }>`show gin_pending_list_limit`.execute(t.db)).rows[0]!.gin_pending_list_limit;
      const reloptions = async () => (await sql<{ reloptions: string[] | null }>`select reloptions from pg_class where relname = 'customer_search_terms'`.execute(t.db)).rows[0]!.reloptions;
      expect(await limit()).toBe('512kB');
      expect(await t.db.transaction().execute(async (trx) => (await allowLongPendingList(trx), (await sql<{ gin_pending_list_limit: string }>`show gin_pending_list_limit`.execute(trx)).rows[0]!.gin_pending_list_limit))).toBe('4MB');
      expect(await limit()).toBe('512kB');
      expect(await reloptions()).toBeNull();
      await downToIndexLimit(t.db);
      expect(await reloptions()).toEqual(['gin_pending_list_limit=512']);
      await upToSessionLimit(t.db);
      expect(await reloptions()).toBeNull();
    }
  }, 240_000);

  it("deletes an import with all of its rows; on PostgreSQL its tables need no foreign key for that (decision 0011)", async () => {
    const id = await prepared(t.admin, [['删除测试甲公司', '删除甲', '王五', '13900000011']]);
    await committed(t.admin, id, { duplicateAction: 'skip' });
    const rowsOf = async (importId: number) => {
      const counts: number[] = [];
      for (const table of ['import_rows', 'import_results', 'import_records'] as const) {
        counts.push(Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', importId).executeTakeFirstOrThrow()).n));
      }
      return counts;
    };
    expect(await rowsOf(Number(id))).toEqual([1, 1, 2]);
    await deleteImport(t.db, Number(id));
    expect(await rowsOf(Number(id))).toEqual([0, 0, 0]);
    expect(await t.db.selectFrom('imports').select('id').where('id', '=', Number(id)).executeTakeFirst()).toBeUndefined();
    expect(await inconsistencies(t.db)).toEqual([]);
    if (t.kind === 'postgres') {
      const keys = async () =>
        Number((await sql<{ n: string }>`select count(*)::text as n from pg_constraint where contype = 'f'
          and conrelid in ('import_rows'::regclass, 'import_results'::regclass, 'import_records'::regclass)`.execute(t.db)).rows[0]!.n);
      expect(await keys()).toBe(0);
      // Nothing stops a row of no import now, so the consistency check looks for one.
      await t.db.insertInto('import_results').values({ import_id: 999_999, row_no: 2, outcome: 'create', data: '{}', customer_name: 'x', matches: '[]' }).execute();
      expect(await inconsistencies(t.db)).toEqual(['import_results: rows of import 999999, which does not exist']);
      await t.db.deleteFrom('import_results').where('import_id', '=', 999_999).execute();
      await downToImportKeys(t.db);
      expect(await keys()).toBe(3);
      await upToNoImportKeys(t.db);
      expect(await keys()).toBe(0);
    }
  });

  it('shows a commit whose process died as incomplete, and resumes it without creating anything twice', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => [`续传测试${i}号客户`, `续传${i}号`, '', '']);
    const id = await prepared(t.admin, rows);
    await firstBatchOnly(id, 'skip');
    const halfway = (await t.get(`/api/imports/${id}`, t.admin)).body;
    expect(halfway).toMatchObject({ status: 'committing', processed: 1000, created: 1000, isIncomplete: false });
    // Resuming while the worker's lease runs is refused; once it lapses, the import shows incomplete.
    expect((await t.post(`/api/imports/${id}/commit`, { duplicateAction: 'skip' }, t.admin)).status).toBe(422);
    t.clock.advance(LEASE_MS + 1000);
    expect((await t.get(`/api/imports/${id}`, t.admin)).body.isIncomplete).toBe(true);
    expect(await inconsistencies(t.db)).toEqual([]);
    const done = await committed(t.admin, id, { duplicateAction: 'skip' });
    expect(done).toMatchObject({ status: 'done', processed: 2500, created: 2500 });
    expect((await t.get(`/api/customers?q=${encodeURIComponent('续传测试0号')}`, t.admin)).body.total).toBe(1);
    expect(await inconsistencies(t.db)).toEqual([]);
  }, 120_000);

  it('stops at a batch that fails: the batches after it roll back, even one already writing, and a resume finishes the file once', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => [`故障注入${i}号客户`, `故障${i}号`, `联系人${i}`, '']);
    const id = await prepared(t.admin, rows);
    // The database refuses one customer of the second batch.
    const refused = '故障注入1500号客户';
    if (t.kind === 'postgres') {
      await sql`create function refuse_customer() returns trigger language plpgsql as $$
        begin if new.name = ${sql.lit(refused)} then raise exception 'injected failure'; end if; return new; end $$`.execute(t.db);
      await sql`create trigger refuse_customer before insert on customers for each row execute function refuse_customer()`.execute(t.db);
    } else {
      await sql`create trigger refuse_customer before insert on customers when new.name = ${sql.lit(refused)} begin select raise(abort, 'injected failure'); end`.execute(t.db);
    }
    await t.db
      .updateTable('imports')
      .set({ status: 'committing', duplicate_action: 'skip', per_row: '{}', committed_by: Number(t.admin.user.id), commit_started_at: t.clock.now().toISOString() })
      .where('id', '=', Number(id))
      .execute();
    await expect(runCommit(t.ctx, Number(id))).rejects.toThrow(/injected failure/);
    const stopped = await t.db.selectFrom('imports').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();
    expect(stopped).toMatchObject({ status: 'committing', processed: 1000, created_count: 1000, cursor_row: 1000, worker: null });
    expect(stopped.error).toMatch(/injected failure/);
    const names = async () => (await t.db.selectFrom('customers').select('name').where('name', 'like', '故障注入%').execute()).map((c) => c.name);
    expect(await names()).toHaveLength(1000);
    expect(await names()).not.toContain('故障注入2000号客户');
    expect(await inconsistencies(t.db)).toEqual([]);
    await sql`drop trigger refuse_customer${t.kind === 'postgres' ? sql` on customers` : sql``}`.execute(t.db);
    const done = await committed(t.admin, id, { duplicateAction: 'skip' });
    expect(done).toMatchObject({ status: 'done', processed: 2500, created: 2500 });
    expect(new Set(await names()).size).toBe(2500);
    expect(await names()).toHaveLength(2500);
    expect(await inconsistencies(t.db)).toEqual([]);
  }, 120_000);

  it('creates the customers of the whole file in order of creation date, duplicates after them, across batches and a resume', async () => {
    const dated = { header: ['客户名称', '关键字', '创建日期', '联系人'], mapping: ['name', 'keyword', 'createdOn', 'contact1.name'] };
    // Dates falling through the file; the last row duplicates the first, whose date is the latest.
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1) - i * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: 2_200 }, (_, i) => [`日期顺序${i}号客户`, `日期序${i}号`, day(i), `联系人${i}`]);
    rows.push(['日期序0号二部', '日期二部', '2000-01-01', '合并联系人']);
    const id = await prepared(t.admin, rows, dated);
    await firstBatchOnly(id, 'merge');
    expect((await t.get(`/api/imports/${id}`, t.admin)).body).toMatchObject({ processed: 1000, created: 1000 });
    t.clock.advance(LEASE_MS + 1000);
    const done = await committed(t.admin, id, { duplicateAction: 'merge' });
    expect(done).toMatchObject({ status: 'done', processed: 2201, created: 2200, merged: 1 });
    const created = await t.db.selectFrom('customers').select(['id', 'created_on']).where('name', 'like', '日期顺序%').orderBy('id').execute();
    expect(created).toHaveLength(2200);
    const dates = created.map((c) => c.created_on);
    expect(dates).toEqual([...dates].sort());
    expect(await contactsOf(t.admin, '日期序0号')).toEqual(['合并联系人', '联系人0']);
    expect(await inconsistencies(t.db)).toEqual([]);
  }, 120_000);

  it('resumes a commit begun in file order after the upgrade to date order (migration 1800), and will not go back past it', async () => {
    const dated = { header: ['客户名称', '关键字', '创建日期'], mapping: ['name', 'keyword', 'createdOn'] };
    const rows = Array.from({ length: 30 }, (_, i) => [`迁移顺延${i}号客户`, `迁移顺延${i}号`, `20${10 + (i % 7)}-03-01`]);
    const id = Number(await prepared(t.admin, rows, dated));
    const rowNos = (await t.db.selectFrom('import_results').select('row_no').where('import_id', '=', id).orderBy('row_no').execute()).map((r) => r.row_no);
    await downToFileOrder(t.db);
    // As the file-order commit left it: the first 12 rows done, its cursor naming the 12th.
    await sql`update imports set status = 'committing', processed = 12, cursor_row = ${rowNos[11]} where id = ${id}`.execute(t.db);
    await upToDateOrder(t.db);
    const imp = await t.db.selectFrom('imports').select(['cursor_row', 'ordered_after']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(imp).toEqual({ cursor_row: 12, ordered_after: rowNos[11] });
    const order = await commitOrder(t.db, id, imp.ordered_after);
    expect(order.slice(0, 12)).toEqual(rowNos.slice(0, 12));
    const rest = await t.db.selectFrom('import_results').select(['row_no', 'data']).where('import_id', '=', id).where('row_no', 'in', order.slice(12)).execute();
    const dateOf = new Map(rest.map((r) => [r.row_no, JSON.parse(r.data).createdOn as string]));
    const restDates = order.slice(12).map((n) => dateOf.get(n)!);
    expect(restDates).toEqual([...restDates].sort());
    // Past its file-order rows, a row-number cursor cannot say what is done.
    await t.db.updateTable('imports').set({ cursor_row: 13 }).where('id', '=', id).execute();
    await expect(downToFileOrder(t.db)).rejects.toThrow(/finish first/);
    await t.db.updateTable('imports').set({ status: 'validated', cursor_row: 0, processed: 0, ordered_after: 0 }).where('id', '=', id).execute();
  });

  it('lets the admin undo an import as a whole: customers to the recycle bin, merged contacts removed', async () => {
    const id = await prepared(sales, [
      ['撤销测试甲有限公司', '撤销甲', '甲联系人', '13600000001'],
      ['星海电子撤销分部', '星海撤销', '撤销联系人', '13600000002'],
    ]);
    await committed(sales, id, { duplicateAction: 'merge' });
    expect(await contactsOf(sales, '苏州工业园区星海电子')).toContain('撤销联系人');
    expect((await t.post(`/api/imports/${id}/undo`, undefined, sales)).status).toBe(403);
    const undone = await t.post(`/api/imports/${id}/undo`, undefined, t.admin);
    expect(undone.status, undone.text).toBe(200);
    expect(undone.body.status).toBe('undone');
    expect((await t.get(`/api/customers?q=${encodeURIComponent('撤销甲')}`, sales)).body.total).toBe(0);
    expect(await contactsOf(sales, '苏州工业园区星海电子')).not.toContain('撤销联系人');
    expect((await t.get(`/api/customers?q=13600000002`, sales)).body.total).toBe(0);
    expect((await t.get('/api/customers/recycle-bin', t.admin)).body.items.map((c: { name: string }) => c.name)).toContain('撤销测试甲有限公司');
    expect(await inconsistencies(t.db)).toEqual([]);
    expect((await t.post(`/api/imports/${id}/undo`, undefined, t.admin)).status).toBe(422);
  });

  it('refuses to undo (409 in_use) once someone else changed an imported customer', async () => {
    const id = await prepared(sales, [['撤销测试乙有限公司', '撤销乙', '', '']]);
    await committed(sales, id, { duplicateAction: 'skip' });
    t.clock.advance(1000);
    const customer = (await t.get(`/api/customers?q=${encodeURIComponent('撤销乙')}`, sales)).body.items[0];
    expect((await t.patch(`/api/customers/${customer.id}`, { version: customer.version, industry: '渔业' }, sales)).status).toBe(200);
    const before = await t.snapshot();
    const res = await t.post(`/api/imports/${id}/undo`, undefined, t.admin);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('in_use');
    expect(await t.snapshot()).toEqual(before);
  });
});
