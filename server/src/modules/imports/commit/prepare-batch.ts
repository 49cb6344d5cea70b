import { duplicateKeysOf, keyDeltas } from '../../../../../common/duplicates/keys.js';
import { indexEntryOfParts, searchTextOf } from '../../../search/index.js';
import type { ContactData, RowData } from '../validate/check-row.js';
import { rowsToWrite, type ContactRow, type CustomerRow, type NewRows, type PreparedContact } from '../../customers/batch-rows.js';
import type { CustomerBatch } from '../../customers/batch-writer.js';

// What a commit batch writes, worked out BEFORE its transaction starts: the rows of every new
// customer and contact, with the search text and search index entry (pinyin is the costly part)
// and the log entries' changes. The transaction then only writes, so the SQLite write lock —
// and, on SQLite, the one connection every request shares — is held for the writes alone, and
// the main thread, which runs every SQLite call, builds no rows. Pure: no database, no clock.
//
// For PostgreSQL the rows leave here as JSON texts (rowsToWrite), which the database unpacks:
// the main thread only passes them on. Copying the row objects to it and writing them out as
// JSON there was most of its work in a commit (the JSON itself, then collecting the objects'
// garbage).

export type { PreparedContact };

export type Action = 'skip' | 'create' | 'merge';

export interface BatchPlan {
  importId: number;
  dialect: 'sqlite' | 'postgres';
  duplicateAction: Action;
  perRow: Map<number, Action>;
  names: { statuses: Map<number, string>; owners: Map<number, string> };
}

export interface ResultRow {
  row_no: number;
  outcome: 'create' | 'duplicate' | 'rejected';
  data: string;
  merge_target: string | null;
}

interface PreparedCustomer {
  rowNo: number;
  row: CustomerRow;
  /** Its search index entry (indexEntryOfParts). */
  indexEntry: string;
  changes: string;
  contacts: PreparedContact[];
}

/** The batch's new customers, as the customer writer takes them. */
export type CreatedCustomers = CustomerBatch;

export interface PreparedMerge {
  rowNo: number;
  target: string;
  contacts: PreparedContact[];
}

export interface PreparedBatch {
  /** Rows done before it, in the commit's order (the import's cursor when it was read). */
  after: number;
  /** Rows done after it; null when nothing was left. */
  last: number | null;
  /** Rows read, rejected ones included (they count as processed). */
  count: number;
  /** In the order they are inserted: by creation date, rows of the same date in file order. */
  created: CreatedCustomers;
  toMerge: PreparedMerge[];
  /** Duplicates skipped by choice; merges whose target turns out unusable are added later. */
  skipped: number;
}

const customerLogFields = ['name', 'keyword', 'industry', 'source', 'region', 'address', 'phone', 'website', 'notes', 'createdOn'] as const;
const contactLogFields = ['name', 'title', 'mobile', 'phone', 'email', 'wechat', 'qq'] as const;

function prepareContact(contact: ContactData, isPrimary: boolean): PreparedContact {
  const changes = contactLogFields.map((f) => ({ field: f, old: null, new: contact[f] })).filter((c) => c.new !== '');
  const row: ContactRow = {
    customer_id: 0, name: contact.name, title: contact.title, mobile: contact.mobile, phone: contact.phone, email: contact.email,
    wechat: contact.wechat, qq: contact.qq, notes: '', is_primary: isPrimary ? 1 : 0, version: 1,
  };
  return { row, changes: JSON.stringify(changes) };
}

function prepareCustomer(rowNo: number, data: RowData, plan: BatchPlan): PreparedCustomer {
  const search = searchTextOf(data, data.contacts);
  const changes: { field: string; old: null; new: string | number }[] = customerLogFields
    .map((f) => ({ field: f, old: null, new: data[f] }))
    .filter((c) => c.new !== '');
  changes.push({ field: 'status', old: null, new: plan.names.statuses.get(data.statusId) ?? String(data.statusId) });
  changes.push({ field: 'owner', old: null, new: plan.names.owners.get(data.ownerId) ?? String(data.ownerId) });
  changes.push({ field: 'import', old: null, new: plan.importId });
  const row: CustomerRow = {
    name: data.name,
    keyword: data.keyword,
    ...duplicateKeysOf(data.name, data.keyword),
    status_id: data.statusId,
    owner_id: data.ownerId,
    created_on: data.createdOn,
    industry: data.industry,
    source: data.source,
    region: data.region,
    address: data.address,
    phone: data.phone,
    website: data.website,
    notes: data.notes,
    search_text: search.searchText,
    version: 1,
    deleted_at: null,
    deleted_by: null,
    next_follow_up_on: null,
    merged_into_id: null,
  };
  return {
    rowNo,
    row,
    indexEntry: indexEntryOfParts(plan.dialect, search.parts),
    changes: JSON.stringify(changes),
    contacts: data.contacts.map((c, i) => prepareContact(c, i === 0)),
  };
}

/** Sorts the batch's validated rows into creates, merges and skips, and prepares them. */
export function prepareBatch(results: readonly ResultRow[], after: number, plan: BatchPlan): PreparedBatch {
  const toCreate: PreparedCustomer[] = [];
  const toMerge: PreparedMerge[] = [];
  let skipped = 0;
  for (const r of results) {
    // Rejected rows are counted by the validation; they are passed over here.
    if (r.outcome === 'rejected') continue;
    const data = JSON.parse(r.data) as RowData;
    const action: Action = r.outcome === 'create' ? 'create' : (plan.perRow.get(r.row_no) ?? plan.duplicateAction);
    if (action === 'create') toCreate.push(prepareCustomer(r.row_no, data, plan));
    else if (action === 'merge' && r.merge_target) toMerge.push({ rowNo: r.row_no, target: r.merge_target, contacts: data.contacts.map((c) => prepareContact(c, false)) });
    else skipped += 1;
  }
  // Four of the customer list's indexes are ordered by creation date, and a team's old
  // customers come with dates years apart: inserted in file order, each new row lands in a
  // different part of each index. In date order, consecutive rows land side by side, and a
  // batch's inserts and its COMMIT take less time. Array#sort is stable.
  toCreate.sort((a, b) => (a.row.created_on < b.row.created_on ? -1 : a.row.created_on > b.row.created_on ? 1 : 0));
  const last = results.length ? after + results.length : null;
  return { after, last, count: results.length, created: created(toCreate, plan.dialect), toMerge, skipped };
}

function created(toCreate: readonly PreparedCustomer[], dialect: BatchPlan['dialect']): CreatedCustomers {
  const rows: NewRows = { customers: [], contacts: [], logs: [] };
  const counts = new Map<string, number>();
  toCreate.forEach(({ rowNo, row, changes }, i) => {
    rows.customers.push(row);
    rows.logs.push({ row_no: rowNo, entity: 'customer', customer: i, contact: null, changes });
    const key = `${row.owner_id}/${row.status_id}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const groupKeys = keyDeltas(toCreate.map((c) => ({ keyword_norm: c.row.keyword_norm, name_core: c.row.name_core ?? null })), 1);
  toCreate.forEach(({ rowNo, contacts }, i) => {
    for (const { row, changes } of contacts) {
      rows.logs.push({ row_no: rowNo, entity: 'contact', customer: i, contact: rows.contacts.length, changes });
      rows.contacts.push({ ...row, customer_id: i });
    }
  });
  return {
    rowNos: toCreate.map((c) => c.rowNo),
    counts,
    groupKeys,
    indexEntries: toCreate.map((c) => c.indexEntry),
    rows: rowsToWrite(rows, dialect),
  };
}
