import { contactImportFields, MAX_IMPORT_CONTACTS, type ContactImportField, type ImportField } from '../../../../../common/schemas/imports.js';

// Header recognition: Chinese and English column titles → import fields. Pure.

type CustomerKey = 'name' | 'keyword' | 'status' | 'owner' | 'createdOn' | 'industry' | 'source' | 'region' | 'address' | 'website' | 'notes';

const customerTitles: Record<CustomerKey, string[]> = {
  name: ['客户名称', '客户名', '客户', '名称', '公司名称', '公司', '企业名称', '单位名称', 'name', 'customer', 'customername', 'company', 'companyname'],
  keyword: ['关键字', '关键词', '简称', 'keyword', 'keywords', 'shortname'],
  status: ['客户状态', '状态', 'status', 'customerstatus'],
  owner: ['业务员', '负责人', '所属业务员', '销售', '销售员', 'owner', 'salesperson', 'sales'],
  createdOn: ['创建日期', '创建时间', '建档日期', '录入日期', '创建', 'createdon', 'created', 'createddate', 'datecreated', 'createdat'],
  industry: ['行业', '所属行业', 'industry'],
  source: ['来源', '客户来源', 'source'],
  region: ['地区', '区域', '省份', '城市', 'region', 'area'],
  address: ['地址', '公司地址', '详细地址', 'address'],
  website: ['网站', '网址', '官网', 'website', 'url', 'web'],
  notes: ['备注', '说明', '描述', 'notes', 'note', 'remark', 'remarks', 'comments'],
};
/** Titles that mean the company's phone before any contact column, the contact's after one. */
const phoneTitles = ['电话', '座机', '固话', '联系电话', 'phone', 'telephone', 'tel'];
const companyPhoneTitles = ['公司电话', '客户电话', 'companyphone', 'officephone'];
const contactTitles: Record<Exclude<ContactImportField, 'phone'>, string[]> = {
  name: ['联系人', '联系人姓名', '姓名', 'contact', 'contactname', 'contactperson'],
  title: ['职务', '职位', '头衔', 'title', 'position', 'jobtitle'],
  mobile: ['手机', '手机号', '手机号码', '移动电话', 'mobile', 'cell', 'mobilephone', 'cellphone'],
  email: ['邮箱', '电子邮件', '电子邮箱', 'email', 'e-mail', 'mail'],
  wechat: ['微信', '微信号', 'wechat', 'weixin'],
  qq: ['qq', 'qq号'],
};

function lookup<K extends string>(table: Record<K, string[]>, title: string): K | undefined {
  for (const [key, titles] of Object.entries(table) as [K, string[]][]) if (titles.includes(title)) return key;
  return undefined;
}

/** NFKC, lower case, without spaces, stars (required marks) and brackets' contents like (必填). */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/gu, '')
    .replace(/[\s*:：_\-.#·]/gu, '');
}

/** The suggested field per column; unknown or repeated titles map to null. */
export function suggestMapping(headers: string[]): (ImportField | null)[] {
  const used = new Set<ImportField>();
  let group = 0;
  const contactField = (field: ContactImportField, explicit: number | undefined): ImportField | null => {
    let n = explicit ?? Math.max(group, 1);
    if (explicit === undefined && used.has(`contact${n}.${field}` as ImportField)) n += 1;
    if (n < 1 || n > MAX_IMPORT_CONTACTS) return null;
    group = Math.max(group, n);
    if (explicit === undefined) group = n;
    return `contact${n}.${field}` as ImportField;
  };
  return headers.map((raw) => {
    const norm = normalizeHeader(raw);
    if (!norm) return null;
    const numbered = /^(.*?)(\d)$/u.exec(norm);
    const base = numbered ? numbered[1]! : norm;
    const explicit = numbered ? Number(numbered[2]) : undefined;
    let field: ImportField | null = null;
    const customer = explicit === undefined ? lookup(customerTitles, norm) : undefined;
    const contact = lookup(contactTitles, base);
    if (customer) field = customer;
    else if (explicit === undefined && companyPhoneTitles.includes(norm)) field = 'phone';
    else if (contact) field = contactField(contact, explicit);
    else if (phoneTitles.includes(base)) field = group === 0 && explicit === undefined ? 'phone' : contactField('phone', explicit);
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

export const contactFieldsOf = contactImportFields;
