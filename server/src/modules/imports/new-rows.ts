import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { insertIndexEntries } from '../../search/index.js';
import { CONTACT_COLUMNS, CUSTOMER_COLUMNS, type CreatedCustomers, type NewRows, type NewRowsJson } from './prepare.js';
import * as repo from './repo.js';
import { insertJsonText } from './bulk.js';

// Writes a commit batch's new customers, then what hangs on their ids: their search index
// entries, contacts and log entries (prepare.ts). From SQLite's rows as bound values; from
// PostgreSQL's JSON texts in statements that unpack them and put in the ids, so that the main
// thread handles no row at all.

export interface LogContext {
  now: string;
  importId: number;
  actorId: number;
  actorName: string;
}

const isJson = (rows: NewRows | NewRowsJson): rows is NewRowsJson => typeof rows.customers === 'string';

/** Inserts the new customers; their ids, in the order of `created.rowNos`. */
export async function insertNewCustomers(trx: Kysely<DB>, created: CreatedCustomers, now: string): Promise<number[]> {
  const { rows } = created;
  if (!isJson(rows)) return repo.insertCustomers(trx, rows.customers.map((row) => ({ ...row, created_at: now, updated_at: now })));
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
  const contactIds = await repo.insertContacts(
    trx,
    rows.contacts.map((row) => ({ ...row, customer_id: ids[Number(row.customer_id)]!, created_at: now, updated_at: now })),
  );
  const entityId = (l: NewRows['logs'][number]) => String(l.contact === null ? ids[l.customer]! : contactIds[l.contact]!);
  await repo.insertAuditRows(
    trx,
    rows.logs.map((l) => ({ at: now, actor_id: log.actorId, actor_name: log.actorName, entity: l.entity, entity_id: entityId(l), customer_id: ids[l.customer]!, action: 'imported', changes: l.changes })),
  );
  await repo.insertRecords(
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
