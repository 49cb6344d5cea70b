import { normalizeText } from '../../../../common/normalize.js';
import { contactImportFields, MAX_IMPORT_CONTACTS, type ContactImportField, type ImportField } from '../../../../common/schemas/imports.js';
import type { AppContext } from '../../context.js';
import { systemActor, type Actor } from '../../policy/actor.js';
import { customerScope } from '../../policy/scope.js';
import { candidateKeywords } from '../customers/duplicates.js';
import { termGrams } from '../customers/search-text.js';
import { scopeFor, today } from '../customers/service.js';
import { listGenericKeywords, MIN_KEYWORD_LENGTH } from '../generic-keywords/service.js';
import { checkValue, labelOf, type Text } from './fields.js';
import * as repo from './repo.js';
import { parseDate } from './values.js';

// Validation of every staged row before anything is written: required fields, formats, status
// and owner, usable keyword, and the keyword duplicate check against the customers (all owners,
// revealing name and owner only) and within the file itself.

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
  rowNo?: number;
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
  generic: Set<string>;
  today: string;
  defaultStatusId: number;
  defaultOwnerId: number;
}

export async function loadLookups(ctx: AppContext, defaults: { statusId: number; ownerId: number }): Promise<Lookups> {
  const { db } = ctx.database;
  const statuses = new Map((await repo.statusesByName(db)).map((s) => [normalizeText(s.name), Number(s.id)]));
  const owners = new Map<string, { id: number; name: string }>();
  const ownerNames = new Map<number, string>();
  const candidates = await repo.ownerCandidates(db);
  for (const u of candidates) ownerNames.set(Number(u.id), u.display_name);
  // Usernames first: they are unique; a display name only where it names nobody else.
  for (const u of candidates) owners.set(normalizeText(u.username), { id: Number(u.id), name: u.display_name });
  for (const u of candidates) if (!owners.has(normalizeText(u.display_name))) owners.set(normalizeText(u.display_name), { id: Number(u.id), name: u.display_name });
  const generic = new Set((await listGenericKeywords(ctx)).map((g) => g.word));
  return { statuses, owners, ownerNames, generic, today: today(ctx), defaultStatusId: defaults.statusId, defaultOwnerId: defaults.ownerId };
}

const customerTextFields = ['industry', 'source', 'region', 'address', 'phone', 'website', 'notes'] as const;

/** One row against the mapping: its data, or the reasons it cannot be imported. */
export function readRow(cells: string[], mapping: (ImportField | null)[], l: Lookups): { data: RowData } | { rejected: RejectedData } {
  const values = new Map<ImportField, string>();
  mapping.forEach((field, i) => {
    if (field) values.set(field, (cells[i] ?? '').trim());
  });
  const get = (f: ImportField) => values.get(f) ?? '';
  const reasons: Text[] = [];
  for (const [field, value] of values) {
    if (field === 'status' || field === 'owner' || field === 'createdOn') continue;
    const problem = checkValue(field, value);
    if (problem) reasons.push(problem);
  }
  const name = get('name');
  const keyword = get('keyword');
  if (!name) reasons.push({ zh: '缺少客户名称', en: 'The name is missing' });
  if (!keyword) reasons.push({ zh: '缺少关键字', en: 'The keyword is missing' });
  else {
    const norm = normalizeText(keyword);
    if ([...norm].length < MIN_KEYWORD_LENGTH) reasons.push({ zh: '关键字至少需要 2 个字符', en: 'The keyword needs at least 2 characters' });
    else if (l.generic.has(norm)) reasons.push({ zh: `“${keyword}”过于通用，不能作为关键字`, en: `"${keyword}" is too generic to be a keyword` });
  }
  let statusId = l.defaultStatusId;
  const status = get('status');
  if (status) {
    const found = l.statuses.get(normalizeText(status));
    if (found === undefined) reasons.push({ zh: `客户状态“${status}”不存在`, en: `No customer status "${status}"` });
    else statusId = found;
  }
  let ownerId = l.defaultOwnerId;
  const owner = get('owner');
  if (owner) {
    const found = l.owners.get(normalizeText(owner));
    if (!found) reasons.push({ zh: `业务员“${owner}”不存在或已停用`, en: `No active salesperson "${owner}"` });
    else ownerId = found.id;
  }
  let createdOn = l.today;
  const created = get('createdOn');
  if (created) {
    const date = parseDate(created);
    if (!date) reasons.push({ zh: `创建日期“${created}”无法识别`, en: `The creation date "${created}" is not a date` });
    else if (date > l.today) reasons.push({ zh: `创建日期 ${date} 晚于今天`, en: `The creation date ${date} is in the future` });
    else createdOn = date;
  }
  const contacts: ContactData[] = [];
  for (let n = 1; n <= MAX_IMPORT_CONTACTS; n++) {
    const contact = Object.fromEntries(contactImportFields.map((f) => [f, get(`contact${n}.${f}` as ImportField)])) as Record<ContactImportField, string>;
    if (contactImportFields.every((f) => contact[f] === '')) continue;
    if (!contact.name) {
      const label = labelOf(`contact${n}.name` as ImportField);
      reasons.push({ zh: `缺少${label.zh}姓名`, en: `${label.en}: the name is missing` });
    }
    contacts.push(contact);
  }
  if (reasons.length) return { rejected: { name, keyword, reasons } };
  const text = Object.fromEntries(customerTextFields.map((f) => [f, get(f)])) as Record<(typeof customerTextFields)[number], string>;
  return { data: { name, keyword, statusId, ownerId, createdOn, ...text, contacts } };
}

// --- duplicates -----------------------------------------------------------------------------

/** Look-alikes within the file: a later row whose name holds an earlier keyword, or vice versa. */
export class InFileIndex {
  private keywords = new Map<string, number>();
  private rows: { rowNo: number; nameNorm: string; name: string; ownerName: string }[] = [];
  private grams = new Map<string, number[]>();

  matches(nameNorm: string, keywordNorm: string): { rowNo: number; name: string; ownerName: string }[] {
    const found = new Map<number, { rowNo: number; name: string; ownerName: string }>();
    for (const s of candidateKeywords(nameNorm)) {
      const at = this.keywords.get(s);
      if (at !== undefined) found.set(at, this.rows[at]!);
      if (found.size >= 10) break;
    }
    const grams = termGrams(keywordNorm);
    if (grams.length && found.size < 10) {
      let smallest: number[] | undefined;
      for (const g of grams) {
        const list = this.grams.get(g) ?? [];
        if (!smallest || list.length < smallest.length) smallest = list;
      }
      for (const at of smallest ?? []) {
        if (found.size >= 10) break;
        if (this.rows[at]!.nameNorm.includes(keywordNorm)) found.set(at, this.rows[at]!);
      }
    }
    return [...found.values()];
  }

  add(rowNo: number, name: string, nameNorm: string, keywordNorm: string, ownerName: string) {
    const at = this.rows.length;
    this.rows.push({ rowNo, nameNorm, name, ownerName });
    if (!this.keywords.has(keywordNorm)) this.keywords.set(keywordNorm, at);
    const chars = [...nameNorm];
    const seen = new Set<string>();
    for (let i = 0; i + 1 < chars.length; i++) {
      const g = chars[i]! + chars[i + 1]!;
      if (seen.has(g)) continue;
      seen.add(g);
      const list = this.grams.get(g);
      if (list) list.push(at);
      else this.grams.set(g, [at]);
    }
  }
}

/** Bigrams in very many company names: a poor first choice to narrow by. */
const COMMON_GRAMS = new Set(['有限', '限公', '公司', '科技', '技术', '集团', '股份', '份有', '贸易', '实业', '发展', '电子', '机械', '工程', '网络', '信息', '中国', '国际', '商贸', '服务']);

interface DbMatch {
  id: number;
  name: string;
  ownerName: string;
}

/**
 * The existing customers each row looks like (the same rules as creating one). Like the
 * duplicate check, it looks across every owner — the explicit systemActor scope — and the
 * caller reveals only each match's name and owner.
 */
export async function databaseMatches(ctx: AppContext, rows: { nameNorm: string; keywordNorm: string }[]): Promise<DbMatch[][]> {
  const everyone = customerScope(ctx.database.db, systemActor, today(ctx));
  const substrings = rows.map((r) => candidateKeywords(r.nameNorm));
  const byKeyword = new Map<string, DbMatch[]>();
  for (const c of await repo.customersWithKeywords(everyone, [...new Set(substrings.flat())])) {
    const list = byKeyword.get(c.keyword_norm) ?? [];
    list.push({ id: Number(c.id), name: c.name, ownerName: c.owner_name });
    byKeyword.set(c.keyword_norm, list);
  }
  // The new keyword inside an existing name: one gram per keyword narrows, the name decides.
  const gramOf = new Map<string, string>();
  for (const kw of new Set(rows.map((r) => r.keywordNorm))) {
    const grams = termGrams(kw);
    // Not a digit-only window: digit runs are in every phone number of every contact.
    if (grams.length) gramOf.set(kw, grams.find((g) => !COMMON_GRAMS.has(g) && !/^[0-9]+$/.test(g)) ?? grams[0]!);
  }
  const byGram = new Map<string, { id: number; name: string; nameNorm: string; ownerName: string }[]>();
  for (const c of await repo.customersWithGrams(everyone, [...new Set(gramOf.values())])) {
    const list = byGram.get(c.gram) ?? [];
    list.push({ id: Number(c.id), name: c.name, nameNorm: c.name_norm, ownerName: c.owner_name });
    byGram.set(c.gram, list);
  }
  const byContained = new Map<string, DbMatch[]>();
  for (const [kw, gram] of gramOf) {
    const found = (byGram.get(gram) ?? []).filter((c) => c.nameNorm.includes(kw)).slice(0, 10);
    if (found.length) byContained.set(kw, found);
  }
  return rows.map((r, i) => {
    const out = new Map<number, DbMatch>();
    for (const s of substrings[i]!) for (const m of byKeyword.get(s) ?? []) if (out.size < 10) out.set(m.id, m);
    for (const m of byContained.get(r.keywordNorm) ?? []) if (out.size < 10) out.set(m.id, m);
    return [...out.values()];
  });
}

/** Customers among the matches that the actor may see, for merging contacts into them. */
export function visibleCustomers(ctx: AppContext, actor: Actor, ids: number[]) {
  return repo.visibleAmong(scopeFor(ctx, actor), ids);
}
