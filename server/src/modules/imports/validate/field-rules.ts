import type { z } from 'zod';
import { CreateCustomerRequest } from '../../../../../common/schemas/customers.js';
import type { ContactImportField, ImportField } from '../../../../../common/schemas/imports.js';
import { CreateContactRequest } from '../../../../../common/schemas/contacts.js';

// Field labels (for reasons and the report) and the schema rules each imported value must meet:
// the very schemas that validate a customer or contact created by hand.

export type Text = { zh: string; en: string };

const customerLabels: Record<string, Text> = {
  name: { zh: '客户名称', en: 'Name' },
  keyword: { zh: '关键字', en: 'Keyword' },
  status: { zh: '客户状态', en: 'Status' },
  owner: { zh: '业务员', en: 'Owner' },
  createdOn: { zh: '创建日期', en: 'Created on' },
  industry: { zh: '行业', en: 'Industry' },
  source: { zh: '来源', en: 'Source' },
  region: { zh: '地区', en: 'Region' },
  address: { zh: '地址', en: 'Address' },
  phone: { zh: '电话', en: 'Phone' },
  website: { zh: '网站', en: 'Website' },
  notes: { zh: '备注', en: 'Notes' },
};
const contactLabels: Record<ContactImportField, Text> = {
  name: { zh: '联系人', en: 'Contact' },
  title: { zh: '职务', en: 'Title' },
  mobile: { zh: '手机', en: 'Mobile' },
  phone: { zh: '电话', en: 'Phone' },
  email: { zh: '邮箱', en: 'Email' },
  wechat: { zh: '微信', en: 'WeChat' },
  qq: { zh: 'QQ', en: 'QQ' },
};

export function labelOf(field: ImportField): Text {
  const m = /^contact(\d)\.(.+)$/.exec(field);
  if (!m) return customerLabels[field] ?? { zh: field, en: field };
  const base = contactLabels[m[2] as ContactImportField];
  const n = m[1] === '1' ? '' : m[1];
  return { zh: `${base.zh}${n}`, en: n ? `${base.en} ${n}` : base.en };
}

type Rule = z.ZodType<unknown>;
const customerShape = CreateCustomerRequest.shape as unknown as Record<string, Rule>;
const contactShape = CreateContactRequest.shape as unknown as Record<string, Rule>;

/** The schema rule of each field, looked up once per field rather than once per cell. */
const rules = new Map<ImportField, Rule | undefined>();
function ruleOf(field: ImportField): Rule | undefined {
  if (!rules.has(field)) {
    const m = /^contact(\d)\.(.+)$/.exec(field);
    rules.set(field, m ? contactShape[m[2]!] : customerShape[field]);
  }
  return rules.get(field);
}

/** Null when the value meets the field's schema; otherwise why not. */
export function checkValue(field: ImportField, value: string): Text | null {
  if (value === '') return null;
  const rule = ruleOf(field);
  if (!rule) return null;
  const result = rule.safeParse(value);
  if (result.success) return null;
  const label = labelOf(field);
  const issue = result.error.issues[0];
  if (issue?.code === 'too_big') {
    const max = Number((issue as { maximum?: number | bigint }).maximum);
    return { zh: `${label.zh}过长（最多 ${max} 个字符）`, en: `${label.en} is too long (at most ${max} characters)` };
  }
  return { zh: `${label.zh}格式不正确`, en: `${label.en} is not valid` };
}
