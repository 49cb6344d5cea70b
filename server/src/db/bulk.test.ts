import { expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../../test/harness.js';
import { insertRows, toJson, valuesTable } from './bulk.js';

// The one-parameter bulk statements store every value exactly as a bound parameter would, and
// hand back ids in the order of the rows.

const awkward = ['普通', `it's "quoted" \\ back\\slash`, '\u0001分隔\u0002', '𠀋 emoji 😀', "'); drop table customers; --", '', '%_'];

describeEachDb('import bulk statements', (get) => {
  let t: TestApp;

  it('inserts rows with awkward text unchanged and returns their ids in order', async () => {
    t = get();
    const rows = awkward.map((text, i) => ({ import_id: 0, row_no: i + 1, cells: text }));
    const importId = Number(
      (
        await t.db
          .insertInto('imports')
          .values({
            ...{ created_by: Number(t.admin.user.id), file_name: 'b', format: 'csv', encoding: 'utf-8', status: 'uploaded', columns: '[]', created_at: '', updated_at: '' },
            ...{ row_count: 0, to_create: 0, duplicates: 0, processed: 0, created_count: 0, skipped_count: 0, merged_count: 0, rejected_count: 0, cursor_row: 0 },
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    await insertRows(t.db, 'import_rows', rows.map((r) => ({ ...r, import_id: importId })));
    const stored = await t.db.selectFrom('import_rows').select(['row_no', 'cells']).where('import_id', '=', importId).orderBy('row_no').execute();
    expect(stored.map((r) => r.cells)).toEqual(awkward);

    const ids = await insertRows(
      t.db,
      'audit_log',
      awkward.map((text) => ({ at: '2026-01-01T00:00:00.000Z', actor_id: null, actor_name: text, entity: 'bulk-test', entity_id: text, customer_id: null, action: 'x', changes: '[]' })),
      true,
    );
    const byId = await t.db.selectFrom('audit_log').select(['id', 'actor_name']).where('entity', '=', 'bulk-test').execute();
    expect(ids.map((id) => byId.find((r) => Number(r.id) === id)!.actor_name)).toEqual(awkward);
  });

  it('stores lone surrogates as U+FFFD on both databases', async () => {
    const ids = await insertRows(
      t.db,
      'audit_log',
      ['a\ud800b', '\udfff', 'ok😀'].map((text) => ({ at: '2026-01-01T00:00:00.000Z', actor_id: null, actor_name: text, entity: 'surrogate-test', entity_id: '1', customer_id: null, action: 'x', changes: '[]' })),
      true,
    );
    const stored = await t.db.selectFrom('audit_log').select(['id', 'actor_name']).where('entity', '=', 'surrogate-test').execute();
    expect(ids.map((id) => stored.find((r) => Number(r.id) === id)!.actor_name)).toEqual(['a\ufffdb', '\ufffd', 'ok😀']);
  });

  it('joins looked-up values as a table', async () => {
    const found = await t.db
      .selectFrom(valuesTable(t.db, 'v', ['a', 'b'], awkward.map((x, i) => [x, String(i)])))
      .select(['v.a', 'v.b'])
      .execute();
    expect(found.map((r) => r.a).sort()).toEqual([...awkward].sort());
  });
});

it('replaces lone surrogates as a bound parameter would, leaving escaped backslashes alone', () => {
  expect(JSON.parse(toJson(['a\ud800b', '\udfff', 'ok😀']))).toEqual(['a\ufffdb', '\ufffd', 'ok😀']);
  expect(JSON.parse(toJson(['\\ud800 is text']))).toEqual(['\\ud800 is text']);
});
