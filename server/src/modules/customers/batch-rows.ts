import type { Insertable } from 'kysely';
import { toJson } from '../../db/bulk.js';
import type { DB } from '../../db/schema.js';

// The rows of a batch of new customers as the customer writer takes them (batch-writer.ts),
// built off the main thread by whoever prepares the batch (the import's prepare-batch.ts). Pure:
// safe to load in a worker thread.

export type NewCustomer = Omit<Insertable<DB['customers']>, 'id'>;
export type NewContact = Omit<Insertable<DB['contacts']>, 'id'>;

/** A new customer's row; the times are filled in when it is written. */
export type CustomerRow = Omit<NewCustomer, 'created_at' | 'updated_at'>;
/**
 * A new contact's row; the times are filled in when it is written. Its `customer_id` is filled in
 * then too; in NewRows it holds its customer's place in the batch's customers (from 0).
 */
export type ContactRow = Omit<NewContact, 'created_at' | 'updated_at'>;

/** The log entry (audit trail and import record) of a new customer or of one of its contacts. */
export interface NewLog {
  row_no: number;
  entity: 'customer' | 'contact';
  /** The customer's place in the batch's customers (from 0). */
  customer: number;
  /** A contact's place in the batch's contacts (from 0); null for the customer's own entry. */
  contact: number | null;
  changes: string;
}

export interface NewRows {
  customers: CustomerRow[];
  contacts: ContactRow[];
  /** The customers' entries in their order, then their contacts' in theirs. */
  logs: NewLog[];
}

/** NewRows as JSON texts (toJson), for PostgreSQL to unpack. */
export interface NewRowsJson {
  customers: string;
  contacts: string;
  logs: string;
}

/** A contact for an existing customer, with its log entry's changes (JSON). */
export interface PreparedContact {
  /** Its row; the customer and the times are filled in when it is written. */
  row: ContactRow;
  /** The log entry's changes, as JSON. */
  changes: string;
}

/** The columns of CustomerRow, as PostgreSQL's JSON rows hold them. */
export const CUSTOMER_COLUMNS = [
  'name', 'name_norm', 'keyword', 'keyword_norm', 'status_id', 'owner_id', 'created_on', 'industry', 'source', 'region', 'address',
  'phone', 'website', 'notes', 'search_text', 'version', 'deleted_at', 'deleted_by', 'next_follow_up_on', 'name_core', 'merged_into_id',
] as const satisfies readonly (keyof CustomerRow)[];
/** The columns of ContactRow. */
export const CONTACT_COLUMNS = ['customer_id', 'name', 'title', 'mobile', 'phone', 'email', 'wechat', 'qq', 'notes', 'is_primary', 'version'] as const satisfies readonly (keyof ContactRow)[];

/**
 * A batch's new rows as insertNewCustomers and insertTheirRows take them, made where the batch is
 * prepared: the rows themselves for SQLite to bind, JSON texts for PostgreSQL to unpack.
 */
export function rowsToWrite(rows: NewRows, dialect: 'sqlite' | 'postgres'): NewRows | NewRowsJson {
  return dialect === 'postgres' ? { customers: toJson(rows.customers), contacts: toJson(rows.contacts), logs: toJson(rows.logs) } : rows;
}

export const isJson = (rows: NewRows | NewRowsJson): rows is NewRowsJson => typeof rows.customers === 'string';
