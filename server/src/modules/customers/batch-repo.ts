import { sql, type Insertable, type Kysely } from 'kysely';
import { insertJsonText, insertRows } from '../../db/bulk.js';
import type { DB, ImportRecordsTable } from '../../db/schema.js';
import { CONTACT_COLUMNS, CUSTOMER_COLUMNS, isJson, type NewContact, type NewCustomer, type NewRows, type NewRowsJson, type PreparedContact } from './batch-rows.js';

// The SQL of the customer writer's batches (batch-writer.ts): new customers by the thousand,
// then what hangs on their ids (contacts and log entries, and the import records that say which
// row of a file each came from); contacts added to existing customers; customers recycled
// together. New customers are written from SQLite's rows as bound values; from PostgreSQL's JSON
// texts in statements that unpack them and put in the ids, so the main thread handles no row.

/** Who writes a batch, when, and the import it comes from (its rows' provenance). */
export interface LogContext {
  now: string;
  importId: number;
  actorId: number;
  actorName: string;
}


/** Inserts new customers; their ids, in the order of the rows. */
export async function insertNewCustomers(trx: Kysely<DB>, rows: NewRows | NewRowsJson, count: number, now: string): Promise<number[]> {
  if (!isJson(rows)) return insertCustomers(trx, rows.customers.map((row) => ({ ...row, created_at: now, updated_at: now })));
  if (count === 0) return [];
  return insertJsonText(trx, 'customers', CUSTOMER_COLUMNS, rows.customers, { returningId: true, constants: { created_at: now, updated_at: now } });
}

/** The new customers' contacts and log entries (ids from insertNewCustomers). */
export async function insertTheirRows(trx: Kysely<DB>, rows: NewRows | NewRowsJson, ids: readonly number[], log: LogContext): Promise<void> {
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
}

export async function deleteContacts(db: Kysely<DB>, ids: number[]) {
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    if (chunk.length) await db.deleteFrom('contacts').where('id', 'in', chunk).execute();
  }
}
