import { normalizeText } from '../../../../../common/normalize.js';
import type { DuplicateReason } from '../../../../../common/duplicates/keys.js';
import { charCount, duplicateText } from '../../../../../common/duplicates/text.js';
import { contactImportFields, MAX_IMPORT_CONTACTS, type ContactImportField, type ImportField } from '../../../../../common/schemas/imports.js';
import { checkValue, labelOf, type Text } from './field-rules.js';
import { parseDate } from '../read/cell-values.js';

// Validation of every staged row before anything is written: required fields, formats, status
// and owner, usable keyword. The duplicate check (against the customers of all owners,
// revealing name and owner only, and within the file itself) is in duplicate-check.ts. Pure, so
// that it runs on the validation thread (check-batch-thread.ts); what it needs from the database
// (statuses, owners, generic keywords) is loaded beforehand by ask-database.ts.

export interface ContactData {
  name: string;
  title: string;
  mobile: string;
  phone: string;
  email: string;
  wechat: string;
  qq: string;
}
export interface RowData {
  name: string;
  keyword: string;
  statusId: number;
  ownerId: number;
  createdOn: string;
  industry: string;
  source: string;
  region: string;
  address: string;
  phone: string;
  website: string;
  notes: string;
  contacts: ContactData[];
}
export interface StoredMatch {
  customerName: string;
  ownerName: string;
  /** The earlier row of the file it is, or none for an existing customer. */
  rowNo?: number;
  reason: DuplicateReason;
}
export interface RejectedData {
  name: string;
  keyword: string;
  reasons: Text[];
}

export interface Lookups {
  statuses: Map<string, number>;
  owners: Map<string, { id: number; name: string }>;
  ownerNames: Map<number, string>;
  /** What may not be a keyword, normalised (duplicateText): the generic words and the names of places. */
  generic: Set<string>;
  today: string;
  defaultStatusId: number;
  defaultOwnerId: number;
  minKeywordLength: number;
}

const customerTextFields = ['industry', 'source', 'region', 'address', 'phone', 'website', 'notes'] as const;
/** Per contact number, each contact field with its import field name (contact2.mobile…), built once. */
const contactFieldKeys = Array.from({ length: MAX_IMPORT_CONTACTS }, (_, i) =>
  contactImportFields.map((f) => [f, `contact${i + 1}.${f}` as ImportField] as const),
);

/**
 * A mapped field's value, '' when unmapped. (At module level: a function made inside readRow is
 * named anew for every row by tsx's keepNames, a cost that showed in the validation's profile.)
 */
const valueOf = (values: ReadonlyMap<ImportField, string>, f: ImportField) => values.get(f) ?? '';

/** One row against the mapping: its data, or the reasons it cannot be imported. */
export function readRow(cells: string[], mapping: (ImportField | null)[], l: Lookups): { data: RowData } | { rejected: RejectedData } {
  const values = new Map<ImportField, string>();
  mapping.forEach((field, i) => {
    if (field) values.set(field, (cells[i] ?? '').trim());
  });
  const reasons: Text[] = [];
  for (const [field, value] of values) {
    if (field === 'status' || field === 'owner' || field === 'createdOn') continue;
    const problem = checkValue(field, value);
    if (problem) reasons.push(problem);
  }
  const name = valueOf(values, 'name');
  const keyword = valueOf(values, 'keyword');
  if (!name) reasons.push({ zh: '缺少客户名称', en: 'The name is missing' });
  if (!keyword) reasons.push({ zh: '缺少关键字', en: 'The keyword is missing' });
  else {
    // As the customer form's check (generic-keywords assertUsableKeyword), in the duplicate check's normalisation.
    const norm = duplicateText(keyword);
    if (charCount(norm) < l.minKeywordLength) reasons.push({ zh: '关键字至少需要 2 个字符', en: 'The keyword needs at least 2 characters' });
    else if (l.generic.has(norm)) reasons.push({ zh: `“${keyword}”过于通用，不能作为关键字`, en: `"${keyword}" is too generic to be a keyword` });
  }
  let statusId = l.defaultStatusId;
  const status = valueOf(values, 'status');
  if (status) {
    const found = l.statuses.get(normalizeText(status));
    if (found === undefined) reasons.push({ zh: `客户状态“${status}”不存在`, en: `No customer status "${status}"` });
    else statusId = found;
  }
  let ownerId = l.defaultOwnerId;
  const owner = valueOf(values, 'owner');
  if (owner) {
    const found = l.owners.get(normalizeText(owner));
    if (!found) reasons.push({ zh: `业务员“${owner}”不存在或已停用`, en: `No active salesperson "${owner}"` });
    else ownerId = found.id;
  }
  let createdOn = l.today;
  const created = valueOf(values, 'createdOn');
  if (created) {
    const date = parseDate(created);
    if (!date) reasons.push({ zh: `创建日期“${created}”无法识别`, en: `The creation date "${created}" is not a date` });
    else if (date > l.today) reasons.push({ zh: `创建日期 ${date} 晚于今天`, en: `The creation date ${date} is in the future` });
    else createdOn = date;
  }
  const contacts: ContactData[] = [];
  for (let n = 1; n <= MAX_IMPORT_CONTACTS; n++) {
    const fields = contactFieldKeys[n - 1]!;
    // A contact none of whose fields is mapped is empty: skipped without building it.
    if (!fields.some(([, key]) => values.has(key))) continue;
    const contact = {} as Record<ContactImportField, string>;
    for (const [f, key] of fields) contact[f] = valueOf(values, key);
    if (contactImportFields.every((f) => contact[f] === '')) continue;
    if (!contact.name) {
      const label = labelOf(`contact${n}.name` as ImportField);
      reasons.push({ zh: `缺少${label.zh}姓名`, en: `${label.en}: the name is missing` });
    }
    contacts.push(contact);
  }
  if (reasons.length) return { rejected: { name, keyword, reasons } };
  const text = Object.fromEntries(customerTextFields.map((f) => [f, valueOf(values, f)])) as Record<(typeof customerTextFields)[number], string>;
  return { data: { name, keyword, statusId, ownerId, createdOn, ...text, contacts } };
}
