import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, ImportRecordsTable } from '../../../db/schema.js';
import { insertIndexEntries } from '../../customers/term-index.js';
import { syncArrears } from '../../reports/arrears-ledger.js';
import { insertJsonText, insertRows, toJson } from '../bulk.js';
import type { BatchPlan, ContactRow, CreatedCustomers, CustomerRow, NewRows, NewRowsJson, PreparedContact } from './prepare-batch.js';

// Every write the import makes to customers, their contacts, the counters, the audit trail and
// the arrears ledger, kept together so that a shared customer writer can replace them as a
// whole: a commit batch's new customers, then what hangs on their ids (their search index
// entries, contacts and log entries, prepared by prepare-batch.ts); contacts merged into
// customers that existed before; and the undo's recycling. Its SQL is here, not in repo.ts, for
// that reason.
//
// New customers are written from SQLite's rows as bound values; from PostgreSQL's JSON texts in
// statements that unpack them and put in the ids, so that the main thread handles no row at all.

export interface LogContext {
  now: string;
  importId: number;
  actorId: number;
  actorName: string;
}

/** The columns of CustomerRow, as PostgreSQL's JSON rows hold them. */
export const CUSTOMER_COLUMNS = [
  'name', 'name_norm', 'keyword', 'keyword_norm', 'status_id', 'owner_id', 'created_on', 'industry', 'source', 'region', 'address',
  'phone', 'website', 'notes', 'search_text', 'version', 'deleted_at', 'deleted_by', 'next_follow_up_on',
] as const satisfies readonly (keyof CustomerRow)[];
/** The columns of ContactRow. */
export const CONTACT_COLUMNS = ['customer_id', 'name', 'title', 'mobile', 'phone', 'email', 'wechat', 'qq', 'notes', 'is_primary', 'version'] as const satisfies readonly (keyof ContactRow)[];

/**
 * A batch's new rows as insertNewCustomers and insertTheirRows take them, made where the batch is
 * prepared: the rows themselves for SQLite to bind, JSON texts for PostgreSQL to unpack.
 */
export function rowsToWrite(rows: NewRows, dialect: BatchPlan['dialect']): NewRows | NewRowsJson {
  return dialect === 'postgres' ? { customers: toJson(rows.customers), contacts: toJson(rows.contacts), logs: toJson(rows.logs) } : rows;
}

const isJson = (rows: NewRows | NewRowsJson): rows is NewRowsJson => typeof rows.customers === 'string';

/** Inserts the new customers; their ids, in the order of `created.rowNos`. */
export async function insertNewCustomers(trx: Kysely<DB>, created: CreatedCustomers, now: string): Promise<number[]> {
  const { rows } = created;
  if (!isJson(rows)) return insertCustomers(trx, rows.customers.map((row) => ({ ...row, created_at: now, updated_at: now })));
  if (created.rowNos.length === 0) return [];
  return insertJsonText(trx, 'customers', CUSTOMER_COLUMNS, rows.customers, { returningId: true, constants: { created_at: now, updated_at: now } });
}

/** Indexes the new customers (ids from insertNewCustomers) and writes their contacts and log entries. */
export async function insertTheirRows(trx: Kysely<DB>, created: CreatedCustomers, ids: readonly number[], log: LogContext): Promise<void> {
  if (ids.length === 0) return;
  await insertIndexEntries(trx, created.indexEntries.map((entry, i) => ({ id: ids[i]!, entry })));
  const { rows } = created;
  if (isJson(rows)) await insertFromJson(trx, rows, ids, log);
  else await insertFromRows(trx, rows, ids, log);
}

async function insertFromRows(trx: Kysely<DB>, rows: NewRows, ids: readonly number[], log: LogContext) {
  const { now } = log;
  const contactIds = await insertContacts(
    trx,
    rows.contacts.map((row) => ({ ...row, customer_id: ids[Number(row.customer_id)]!, created_at: now, updated_at: now })),
  );
  const entityId = (l: NewRows['logs'][number]) => String(l.contact === null ? ids[l.customer]! : contactIds[l.contact]!);
  await insertAuditRows(
    trx,
    rows.logs.map((l) => ({ at: now, actor_id: log.actorId, actor_name: log.actorName, entity: l.entity, entity_id: entityId(l), customer_id: ids[l.customer]!, action: 'imported', changes: l.changes })),
  );
  await insertRecords(
    trx,
    rows.logs.map((l) => ({ import_id: log.importId, row_no: l.row_no, entity: l.entity, entity_id: entityId(l), customer_id: ids[l.customer]! })),
  );
}

async function insertFromJson(trx: Kysely<DB>, rows: NewRowsJson, ids: readonly number[], log: LogContext) {
  const { now } = log;
  const customerIds = sql`${ids}::bigint[]`;
  const contactColumns = CONTACT_COLUMNS.filter((c) => c !== 'customer_id');
  const { rows: inserted } = await sql<{ id: string | number }>`insert into contacts (customer_id, ${columns(contactColumns)}, created_at, updated_at)
    select (${customerIds})[r.customer_id::int + 1], ${picked(contactColumns)}, ${now}::text, ${now}::text
    from json_populate_recordset(null::contacts, ${rows.contacts}::json) with ordinality as r order by r.ordinality
    returning id`.execute(trx);
  const contactIds = inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
  // One reading of the entries for both tables; the audit trail's in the order they come.
  await sql`with l as (
      select r.row_no, r.entity, r.changes, r.ord, (${customerIds})[r.customer + 1] as customer_id,
        case when r.contact is null then (${customerIds})[r.customer + 1] else (${contactIds}::bigint[])[r.contact + 1] end as entity_id
      from rows from (json_to_recordset(${rows.logs}::json) as (row_no int, entity text, customer int, contact int, changes text))
        with ordinality as r (row_no, entity, customer, contact, changes, ord)
    ), audit as (
      insert into audit_log (at, actor_id, actor_name, entity, entity_id, customer_id, action, changes)
      select ${now}::text, ${log.actorId}::bigint, ${log.actorName}::text, l.entity, l.entity_id::text, l.customer_id, 'imported', l.changes from l order by l.ord
    )
    insert into import_records (import_id, row_no, entity, entity_id, customer_id)
    select ${log.importId}::bigint, l.row_no, l.entity, l.entity_id::text, l.customer_id from l order by l.ord`.execute(trx);
}

const columns = (names: readonly string[]) => sql.join(names.map((c) => sql.ref(c)));
const picked = (names: readonly string[]) => sql.join(names.map((c) => sql.ref(`r.${c}`)));

// --- contacts merged into existing customers -------------------------------------------------

/** Adds contacts to customers that existed before them, with their log entries. */
export async function addMergedContacts(trx: Kysely<DB>, contacts: { contact: PreparedContact; customerId: number; rowNo: number }[], log: LogContext) {
  const { now } = log;
  const rows = contacts.map(({ contact: { row }, customerId }) => ({ ...row, customer_id: customerId, created_at: now, updated_at: now }));
  const contactIds = await insertContacts(trx, rows);
  const entry = (i: number) => ({ entity: 'contact' as const, entity_id: String(contactIds[i]!), customer_id: contacts[i]!.customerId });
  await insertAuditRows(
    trx,
    contacts.map(({ contact }, i) => ({ at: now, actor_id: log.actorId, actor_name: log.actorName, action: 'imported', changes: contact.changes, ...entry(i) })),
  );
  await insertRecords(
    trx,
    contacts.map(({ rowNo }, i) => ({ import_id: log.importId, row_no: rowNo, ...entry(i) })),
  );
}

// --- bulk writes -----------------------------------------------------------------------------

export type NewCustomer = Omit<Insertable<DB['customers']>, 'id'>;
export type NewContact = Omit<Insertable<DB['contacts']>, 'id'>;

/** Inserts customers and returns their ids in the order given (see insertRows). */
export function insertCustomers(db: Kysely<DB>, rows: NewCustomer[]): Promise<number[]> {
  return insertRows(db, 'customers', rows, true);
}

export function insertContacts(db: Kysely<DB>, rows: NewContact[]): Promise<number[]> {
  return insertRows(db, 'contacts', rows, true);
}

export async function insertAuditRows(db: Kysely<DB>, rows: Insertable<DB['audit_log']>[]) {
  await insertRows(db, 'audit_log', rows);
}

export async function insertRecords(db: Kysely<DB>, rows: Insertable<ImportRecordsTable>[]) {
  await insertRows(db, 'import_records', rows);
}

/** Same rule as the customer service's counters: live customers per (owner, status). */
export async function adjustCounts(db: Kysely<DB>, deltas: Map<string, number>) {
  // In (owner, status) order, as every writer of several counters takes their row locks.
  const ordered = [...deltas].map(([key, delta]) => [...key.split('/').map(Number), delta] as [number, number, number]);
  ordered.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [ownerId, statusId, delta] of ordered) {
    if (delta === 0) continue;
    await db
      .insertInto('customer_counts')
      .values({ owner_id: ownerId, status_id: statusId, n: delta })
      .onConflict((oc) => oc.columns(['owner_id', 'status_id']).doUpdateSet((eb) => ({ n: eb('customer_counts.n', '+', delta) })))
      .execute();
  }
}

// --- undo ------------------------------------------------------------------------------------

export async function moveToRecycleBin(db: Kysely<DB>, ids: number[], at: string, by: number | null) {
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    if (!chunk.length) continue;
    await db
      .updateTable('customers')
      .set((eb) => ({ deleted_at: at, deleted_by: by, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', 'in', chunk)
      .execute();
  }
  await syncArrears(db, ids);
}

export async function deleteContacts(db: Kysely<DB>, ids: number[]) {
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    if (chunk.length) await db.deleteFrom('contacts').where('id', 'in', chunk).execute();
  }
}
