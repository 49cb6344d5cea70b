import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { DB, ImportResultsTable, ImportsTable } from '../../db/schema.js';
import type { CustomerScope } from '../../policy/scope.js';
import { inValues, insertRows, jsonValuesTable, valuesTable } from '../../db/bulk.js';
import { cleanPendingTerms, indexJoin, termKey } from '../../search/index.js';
import { isPostgres } from '../../db/dialect.js';

// Kysely code of the import module: its own tables, the reference data and customers it reads,
// and the statements around a batch commit (one statement per batch, never one per row; see
// bulk.ts). Its writes of customers, contacts, counters and audit rows are in
// commit/write-customers.ts.

export type ImportRow = Selectable<ImportsTable>;

export async function insertImport(db: Kysely<DB>, row: Insertable<ImportsTable>): Promise<number> {
  const inserted = await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** The import's row, whoever may see it; throws when there is none. */
export function getImportRow(db: Kysely<DB>, id: number) {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function updateImport(db: Kysely<DB>, id: number, changes: Updateable<ImportsTable>) {
  await db.updateTable('imports').set(changes).where('id', '=', id).execute();
}

/** Imports the actor may see: their own, or every one for the admin. */
export function visibleImports(db: Kysely<DB>, actor: { id: number; isAdmin: boolean }) {
  let q = db.selectFrom('imports').innerJoin('users', 'users.id', 'imports.created_by').selectAll('imports').select('users.display_name as creator_name');
  if (!actor.isAdmin) q = q.where('imports.created_by', '=', actor.id);
  return q;
}

export type ImportWithCreator = ImportRow & { creator_name: string };

export async function findImport(db: Kysely<DB>, actor: { id: number; isAdmin: boolean }, id: number) {
  return (await visibleImports(db, actor).where('imports.id', '=', id).executeTakeFirst()) as ImportWithCreator | undefined;
}

export async function listImports(db: Kysely<DB>, actor: { id: number; isAdmin: boolean }, limit: number, offset: number) {
  return (await visibleImports(db, actor).orderBy('imports.id', 'desc').limit(limit).offset(offset).execute()) as ImportWithCreator[];
}

export async function countImports(db: Kysely<DB>, actor: { id: number; isAdmin: boolean }) {
  let q = db.selectFrom('imports').select((eb) => eb.fn.countAll<number>().as('n'));
  if (!actor.isAdmin) q = q.where('created_by', '=', actor.id);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// --- staging ------------------------------------------------------------------------------

export async function insertStagedRows(db: Kysely<DB>, importId: number, rows: { rowNo: number; cells: string[] }[]) {
  await insertRows(db, 'import_rows', rows.map((r) => ({ import_id: importId, row_no: r.rowNo, cells: JSON.stringify(r.cells) })));
}

export async function stagedRowsAfter(db: Kysely<DB>, importId: number, afterRow: number, limit: number) {
  return db
    .selectFrom('import_rows')
    .select(['row_no', 'cells'])
    .where('import_id', '=', importId)
    .where('row_no', '>', afterRow)
    .orderBy('row_no')
    .limit(limit)
    .execute();
}

export async function previewRows(db: Kysely<DB>, importId: number, limit: number) {
  return stagedRowsAfter(db, importId, 0, limit);
}

/**
 * Deletes an import with everything of it, in one transaction. On PostgreSQL its tables have no
 * foreign key to cascade from (migration 2100, docs/decisions/0011), so each is emptied here.
 */
export async function deleteImport(db: Kysely<DB>, importId: number) {
  await db.transaction().execute(async (trx) => {
    for (const table of ['import_records', 'import_results', 'import_rows'] as const) {
      await trx.deleteFrom(table).where('import_id', '=', importId).execute();
    }
    await trx.deleteFrom('imports').where('id', '=', importId).execute();
  });
}

// --- validation results -------------------------------------------------------------------

export async function clearResults(db: Kysely<DB>, importId: number) {
  await db.deleteFrom('import_results').where('import_id', '=', importId).execute();
}

export async function insertResults(db: Kysely<DB>, rows: Insertable<ImportResultsTable>[]) {
  await insertRows(db, 'import_results', rows);
}

/** Results in row order, for the downloadable report. */
export async function resultsAfter(db: Kysely<DB>, importId: number, afterRow: number, limit: number) {
  return db
    .selectFrom('import_results')
    .selectAll()
    .where('import_id', '=', importId)
    .where('row_no', '>', afterRow)
    .orderBy('row_no')
    .limit(limit)
    .execute();
}

/**
 * The order an import is committed in: its new customers by creation date (rows of one date in
 * file order), then every other row in file order — after any rows up to `orderedAfter`, which
 * a commit begun in file order had done (migration 1800). Deterministic, so a resumed commit
 * goes on where its cursor says.
 *
 * Why by date: four of the customer list's indexes are ordered by creation date, and a team's
 * old customers come with dates years apart. In file order every batch of 1,000 touched nearly
 * every leaf page of those four indexes, and each transaction wrote them all to the WAL again;
 * in date order a batch adds to one narrow stretch of each (docs/decisions/0009).
 * Duplicates come after the new customers: a row merged into an earlier row of the file finds
 * that row's customer created, whatever its date.
 */
export async function commitOrder(db: Kysely<DB>, importId: number, orderedAfter: number): Promise<number[]> {
  const createdOn = isPostgres(db) ? sql`data::json ->> 'createdOn'` : sql`data ->> '$.createdOn'`;
  const { rows } = await sql<{ row_no: number }>`select row_no from import_results where import_id = ${importId}
    order by row_no > ${orderedAfter}, case when row_no <= ${orderedAfter} then row_no end,
      outcome <> 'create', case when outcome = 'create' then ${createdOn} end, row_no`.execute(db);
  return rows.map((r) => Number(r.row_no));
}

/** The results of these rows of an import, in the order given: what the commit reads of them. */
export async function resultsOf(db: Kysely<DB>, importId: number, rowNos: readonly number[]) {
  if (rowNos.length === 0) return [];
  const rows = await db
    .selectFrom('import_results')
    .select(['row_no', 'outcome', 'data', 'merge_target'])
    .where('import_id', '=', importId)
    .where(inValues(db, 'row_no', rowNos))
    .execute();
  const byRow = new Map(rows.map((r) => [Number(r.row_no), r]));
  return rowNos.map((n) => byRow.get(n)!);
}

export async function listResults(db: Kysely<DB>, importId: number, outcome: string | undefined, limit: number, offset: number) {
  let q = db.selectFrom('import_results').selectAll().where('import_id', '=', importId);
  if (outcome) q = q.where('outcome', '=', outcome as ImportResultsTable['outcome']);
  return q.orderBy('row_no').limit(limit).offset(offset).execute();
}

export async function countResults(db: Kysely<DB>, importId: number, outcome: string | undefined) {
  let q = db.selectFrom('import_results').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', importId);
  if (outcome) q = q.where('outcome', '=', outcome as ImportResultsTable['outcome']);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// --- reference data -----------------------------------------------------------------------

export function statusesByName(db: Kysely<DB>) {
  return db.selectFrom('customer_statuses').select(['id', 'name']).execute();
}

/** Active salespeople and admins: who may own customers. */
export function ownerCandidates(db: Kysely<DB>) {
  return db.selectFrom('users').select(['id', 'username', 'display_name']).where('active', '=', 1).where('role', 'in', ['admin', 'sales']).execute();
}

/** Customers of the scope whose normalised keyword is one of these, with owner names. */
export async function customersWithKeywords(db: Kysely<DB>, scope: CustomerScope, keywordsJson: string) {
  if (keywordsJson === '[]') return [];
  return db
    .selectFrom(jsonValuesTable(db, 'k', 'keyword', keywordsJson))
    // CROSS JOIN: SQLite keeps this order — every value probes the keyword index once — where
    // its planner would otherwise walk every customer.
    .crossJoin('customers')
    .whereRef('customers.keyword_norm', '=', 'k.keyword')
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .select(['customers.id', 'customers.name', 'customers.keyword_norm', 'users.display_name as owner_name'])
    .where((eb) => scope.where(eb as unknown as ExpressionBuilder<DB, 'customers'>))
    .execute();
}

/** Customers of the scope whose company core is one of these (a JSON array), with owner names. */
export async function customersWithCores(db: Kysely<DB>, scope: CustomerScope, coresJson: string) {
  if (coresJson === '[]') return [];
  const rows = await db
    .selectFrom(jsonValuesTable(db, 'k', 'core', coresJson))
    // CROSS JOIN, as above: every value probes the core index (live customers) once.
    .crossJoin('customers')
    .whereRef('customers.name_core', '=', 'k.core')
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .select(['customers.id', 'customers.name', 'customers.name_core', 'users.display_name as owner_name'])
    .where((eb) => scope.where(eb as unknown as ExpressionBuilder<DB, 'customers'>))
    .execute();
  return rows.map((r) => ({ ...r, name_core: r.name_core ?? '' }));
}

/**
 * Customers of the scope whose normalised name contains a keyword, for a whole batch of
 * keywords: each keyword's gram narrows (the search index), its name decides.
 */
export async function customersWithNameContaining(db: Kysely<DB>, scope: CustomerScope, lookups: { keyword: string; gram: string }[]) {
  if (!lookups.length) return [];
  const contains = isPostgres(db) ? sql<SqlBool>`strpos(customers.name_norm, k.keyword) > 0` : sql<SqlBool>`instr(customers.name_norm, k.keyword) > 0`;
  const ix = indexJoin(db, 'k.key');
  return db
    .selectFrom(valuesTable(db, 'k', ['keyword', 'key'], lookups.map((l) => [l.keyword, termKey(db, l.gram)])))
    // In this order (CROSS JOIN, see above): each gram's postings, then their customers.
    .crossJoin(ix.from)
    .where(ix.on)
    .crossJoin('customers')
    .where(sql<SqlBool>`customers.id = ${ix.customerId}`)
    .innerJoin('users', 'users.id', 'customers.owner_id')
    .select(['k.keyword', 'customers.id', 'customers.name', 'users.display_name as owner_name'])
    .where((eb) => scope.where(eb as unknown as ExpressionBuilder<DB, 'customers'>))
    .where(contains)
    .execute();
}

/**
 * Locks existing customers a batch merges into, in id order, before anything is written to
 * them: the same row locks every other writer takes first, in the order bulk writers take them.
 */
export async function lockCustomers(db: Kysely<DB>, ids: number[]): Promise<void> {
  if (!ids.length || !isPostgres(db)) return;
  await db.selectFrom('customers').select('id').where(inValues(db, 'customers.id', [...new Set(ids)])).orderBy('id').forNoKeyUpdate().execute();
}

/** Which of these customers the scope admits (live and visible). */
export async function visibleAmong(db: Kysely<DB>, scope: CustomerScope, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await scope.customers().select('customers.id').where(inValues(db, 'customers.id', ids)).execute();
  return new Set(rows.map((r) => Number(r.id)));
}

// --- around a commit batch ----------------------------------------------------------------

/** The customer created from each of these rows of the import (for merges into earlier rows). */
export async function customersOfRows(db: Kysely<DB>, importId: number, rowNos: number[]) {
  const out = new Map<number, number>();
  for (let i = 0; i < rowNos.length; i += 1000) {
    const chunk = rowNos.slice(i, i + 1000);
    if (!chunk.length) continue;
    const rows = await db
      .selectFrom('import_records')
      .select(['row_no', 'customer_id'])
      .where('import_id', '=', importId)
      .where('entity', '=', 'customer')
      .where('row_no', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.row_no, Number(r.customer_id));
  }
  return out;
}

/**
 * PostgreSQL: the planner learns the size of the report the validation just wrote. Planned as
 * the few rows it had before, each batch's read by row numbers scanned the whole table, and the
 * commit spent most of its time waiting for its batches.
 */
export async function analyzeResults(db: Kysely<DB>) {
  if (isPostgres(db)) await sql`analyze import_results`.execute(db);
}

/**
 * After a commit, PostgreSQL's planner statistics for the tables an import fills lag behind
 * until autovacuum gets round to them: a table planned at its size before the import gets
 * hash joins over all of it, and the next import's duplicate check read every n-gram row for
 * each batch (seconds per batch, growing with the table). ANALYZE samples a fixed number of
 * rows, so it takes a moment whatever the size. SQLite plans without statistics here.
 */
export async function refreshStatistics(db: Kysely<DB>) {
  // The tables the duplicate check plans on; the others' plans do not hinge on their size.
  if (!isPostgres(db)) return;
  await sql`analyze customers, customer_search`.execute(db);
  // The import's search entries still in the GIN index's pending list go into the index proper
  // (migrations 1500 and 1900).
  await cleanPendingTerms(db);
}

// --- undo ---------------------------------------------------------------------------------

export function recordsOf(db: Kysely<DB>, importId: number, entity: 'customer' | 'contact') {
  return db.selectFrom('import_records').select(['entity_id', 'customer_id', 'row_no']).where('import_id', '=', importId).where('entity', '=', entity).execute();
}

/**
 * Whether anything but this import itself wrote to the audit trail of its customers since the
 * commit started: another edit, a follow-up, a contact, a deletion…
 */
export async function hasLaterActivity(db: Kysely<DB>, importId: number, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('audit_log.id')
    .where('audit_log.at', '>=', since)
    .where('audit_log.customer_id', 'in', db.selectFrom('import_records').select('customer_id').where('import_id', '=', importId))
    .where(({ eb, and, not, exists, selectFrom }) =>
      not(
        and([
          eb('audit_log.action', '=', 'imported'),
          exists(
          selectFrom('import_records as r')
            .select('r.row_no')
            .where('r.import_id', '=', importId)
            .whereRef('r.entity', '=', 'audit_log.entity')
            .whereRef('r.entity_id', '=', 'audit_log.entity_id'),
          ),
        ]),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function liveCustomersAmong(db: Kysely<DB>, ids: number[]) {
  const out: { id: number; owner_id: number; status_id: number; keyword_norm: string; name_core: string | null }[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    if (chunk.length) out.push(...(await db.selectFrom('customers').select(['id', 'owner_id', 'status_id', 'keyword_norm', 'name_core']).where('id', 'in', chunk).where('deleted_at', 'is', null).execute()));
  }
  return out;
}
