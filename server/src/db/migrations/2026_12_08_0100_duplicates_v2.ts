import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';
import { divisionNames, duplicateKeysOf, duplicateText } from './frozen/duplicates-2026-12-08.js';

// Duplicates, second version (decision 0022). name_norm and keyword_norm now hold the duplicate
// check's own normalisation (punctuation and invisible characters removed), name_core the
// company core, merged_into_id the customer a merge folded this one into, and duplicate_keys
// how many live customers share each keyword and core (the admin's duplicate groups).
// Existing customers are recomputed in batches by id, so memory stays flat at any size.

const BATCH = 5_000;

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const id = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema.alterTable('customers').addColumn('name_core', 'text').execute();
  await db.schema.alterTable('customers').addColumn('merged_into_id', id).execute();
  // Rebuilt after the recomputation, which rewrites every key, and ordered by age: a duplicate
  // group lists its oldest customers without reading the whole group.
  await db.schema.dropIndex('customers_keyword').execute();
  await recompute(db, dialect);
  await sql`create index customers_keyword on customers (keyword_norm, created_on, id) where deleted_at is null`.execute(db);
  await sql`create index customers_name_core on customers (name_core, created_on, id) where deleted_at is null`.execute(db);

  await db.schema
    .createTable('duplicate_keys')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('customers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicate_keys_pk', ['reason', 'key'])
    .execute();
  // Only keys that form a group are ever listed, largest first.
  await sql`create index duplicate_keys_groups on duplicate_keys (customers desc, reason, key) where customers > 1`.execute(db);
  await sql`insert into duplicate_keys (reason, key, customers)
    select 'same_keyword', keyword_norm, count(*) from customers where deleted_at is null and length(keyword_norm) >= 2 group by keyword_norm`.execute(db);
  await sql`insert into duplicate_keys (reason, key, customers)
    select 'same_name', name_core, count(*) from customers where deleted_at is null and name_core is not null group by name_core`.execute(db);
  // A keyword that names a place forms no group.
  const places = divisionNames();
  for (let i = 0; i < places.length; i += 500) {
    await db.deleteFrom('duplicate_keys').where('reason', '=', 'same_keyword').where('key', 'in', places.slice(i, i + 500)).execute();
  }

  // The generic words compare in the new normalisation too; the parts of legal forms join them.
  const words = await db.selectFrom('generic_keywords').select(['word', 'built_in']).execute();
  await db.deleteFrom('generic_keywords').execute();
  const merged = new Map<string, number>();
  for (const w of words) {
    const norm = duplicateText(w.word);
    if (norm) merged.set(norm, Math.max(merged.get(norm) ?? 0, Number(w.built_in)));
  }
  for (const added of ['有限', '股份', '责任', '有限责任', '股份有限', '分厂', '办事处', '营业部']) if (!merged.has(added)) merged.set(added, 1);
  const rows = [...merged].map(([word, built_in]) => ({ word, built_in }));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('generic_keywords').values(rows.slice(i, i + 200)).execute();
}

async function recompute(db: Kysely<any>, dialect: 'sqlite' | 'postgres') {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('customers').select(['id', 'name', 'keyword']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) return;
    const values = rows.map((r) => {
      const keys = duplicateKeysOf(r.name, r.keyword);
      return [Number(r.id), keys.name_norm, keys.keyword_norm, keys.name_core] as const;
    });
    const json = JSON.stringify(values);
    if (dialect === 'postgres') {
      await sql`update customers set name_norm = v.n, keyword_norm = v.k, name_core = v.c
        from (select (e->>0)::bigint as id, e->>1 as n, e->>2 as k, e->>3 as c from json_array_elements(${json}::json) e) v
        where customers.id = v.id`.execute(db);
    } else {
      await sql`update customers set name_norm = v.n, keyword_norm = v.k, name_core = v.c
        from (select value->>0 as id, value->>1 as n, value->>2 as k, value->>3 as c from json_each(${json})) v
        where customers.id = v.id`.execute(db);
    }
    after = Number(rows.at(-1)!.id);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('duplicate_keys').execute();
  await db.schema.dropIndex('customers_name_core').execute();
  await db.schema.dropIndex('customers_keyword').execute();
  await sql`create index customers_keyword on customers (keyword_norm) where deleted_at is null`.execute(db);
  await db.schema.alterTable('customers').dropColumn('merged_into_id').execute();
  await db.schema.alterTable('customers').dropColumn('name_core').execute();
}
