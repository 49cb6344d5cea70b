// The duplicate normalisation and company core that migration 2026_12_08_0100 computes, frozen
// as they were when it landed: copied verbatim from common/duplicates/ (text.ts, divisions.ts,
// generic-words.ts, company-core.ts, keys.ts), only their imports of each other removed and
// their exports kept. Never edit this file (docs/decisions/0019).
import { areaList } from '@vant/area-data';


// ---- text.ts ----
// The duplicate check's own normalisation, separate from the search's (common/normalize.ts):
// NFKC folds full-width to half-width, then lower case, then everything that is not a letter,
// digit or combining mark goes — spaces, punctuation, symbols and invisible format characters
// (U+00AD, U+200B–U+200F, U+2060, U+FEFF), so 公\u200B司 and 公司 compare equal.

const NOT_TEXT = /[^\p{L}\p{N}\p{M}]+/gu;

export function duplicateText(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(NOT_TEXT, '');
}

/** Length in characters (code points), as the length rules count. */
export function charCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}


// ---- divisions.ts ----
// China's administrative divisions as the duplicate check sees them: names that say where a
// company is, not who it is, so 深圳市腾讯 and 腾讯 can be recognised as the same company.

// 中国 and 中华 open many company names the way a province does.
const NATIONAL = ['中国', '中华', '中华人民共和国'];

// The data also holds grouping labels (省直辖县, 县) and places nobody writes before a company
// name (九龙, 东莞生态园); a full name must end like a division to count.
const FULL_SUFFIX = /(?:省|市|自治区|特别行政区|区|县|旗|盟|州|地区|镇|乡|街道)$/u;
const PLACEHOLDERS = new Set(['省直辖县', '自治区直辖县级行政区划']);
// Two-character districts (城区, 矿区, 东区) are ordinary words, not a place anyone would strip.
const WORD_DISTRICT = /^.区$/u;

const ADMIN_SUFFIX = /(?:特别行政区|自治区|自治州|自治县|自治旗|街道|地区|省|市|盟|县|区|旗|镇|乡)$/u;
const AUTONOMOUS = /自治[区州县旗]$/u;
const ETHNIC =
  /(?:朝鲜|土家|苗|藏|羌|彝|布依|侗|哈尼|壮|傣|白|景颇|傈僳|回|蒙古|柯尔克孜|哈萨克|维吾尔|满|达斡尔|鄂温克|鄂伦春|瑶|黎|畲|仡佬|水|纳西|土|撒拉|保安|东乡|裕固|塔吉克|锡伯|毛南|仫佬)族?$/u;
// Short forms that are first of all brands or words: 阿里 (阿里地区) would cut 阿里巴巴 in half,
// 朝阳 (朝阳市, also a district of Beijing) opens too many trade names. Before 支行 they are places.
const SHORT_EXCLUDED = new Set(['阿里', '朝阳']);
// Sales regions written before 分公司 the way a city is: …有限公司华南分公司.
const MACRO_REGIONS = ['华东', '华南', '华北', '华中', '华西', '西南', '西北', '东北'];

/** 广西壮族自治区 → 广西, 海西蒙古族藏族自治州 → 海西; null when under two characters remain. */
function shortForm(full: string): string | null {
  let s = full.replace(ADMIN_SUFFIX, '');
  if (s === full) return null;
  if (AUTONOMOUS.test(full)) {
    // Ethnic names go one by one, but never down to one character (内蒙古 stays 内蒙古).
    for (let t = s.replace(ETHNIC, ''); t !== s && t.length >= 2; t = s.replace(ETHNIC, '')) s = t;
  }
  return s.length >= 2 ? s : null;
}

function isFullName(name: string): boolean {
  return name.length >= 2 && FULL_SUFFIX.test(name) && !PLACEHOLDERS.has(name);
}

interface Tables {
  /** Full names of every level, short forms of provinces and prefectures, the national prefixes. */
  names: Set<string>;
  /** names plus short forms of counties and sales regions: places written before a branch suffix. */
  places: Set<string>;
  maxLength: number;
}

let tables: Tables | undefined;

// Built on first use, so importing the module costs nothing until a name is checked.
function load(): Tables {
  if (tables) return tables;
  const names = new Set<string>(NATIONAL);
  const places = new Set<string>(MACRO_REGIONS.flatMap((r) => [r, `${r}区`, `${r}地区`]));
  const upper = [...Object.values(areaList.province_list), ...Object.values(areaList.city_list)];
  for (const name of upper) {
    if (!isFullName(name)) continue;
    names.add(name);
    const short = shortForm(name);
    if (short) (SHORT_EXCLUDED.has(short) ? places : names).add(short);
  }
  for (const name of Object.values(areaList.county_list)) {
    if (!isFullName(name)) continue;
    if (!WORD_DISTRICT.test(name)) names.add(name);
    const short = shortForm(name);
    if (short) places.add(short);
  }
  for (const name of names) places.add(name);
  let maxLength = 0;
  for (const name of places) maxLength = Math.max(maxLength, name.length);
  tables = { names, places, maxLength };
  return tables;
}

/** Whether the text, once normalised, is a division name (full, or short for upper levels). */
export function isDivisionName(text: string): boolean {
  return load().names.has(duplicateText(text));
}

function longestAt(text: string, set: Set<string>, maxLength: number, atEnd: boolean): string | null {
  for (let len = Math.min(maxLength, text.length); len >= 2; len--) {
    const piece = atEnd ? text.slice(text.length - len) : text.slice(0, len);
    if (set.has(piece)) return piece;
  }
  return null;
}

/** The longest division name the (duplicateText-normalised) text starts with, or null. */
export function leadingDivision(text: string): string | null {
  const t = load();
  return longestAt(text, t.names, t.maxLength, false);
}

/**
 * The longest place the (normalised) text ends with, county short forms and sales regions
 * included: only for the text right before a branch suffix (…南山支行), where a place is sure.
 */
export function trailingPlace(text: string): string | null {
  const t = load();
  return longestAt(text, t.places, t.maxLength, true);
}

/** Every division name isDivisionName knows, normalised. */
export function divisionNames(): string[] {
  return [...load().names];
}


// ---- generic-words.ts ----
// Words that cannot be a company's core on their own: once 深圳市 is stripped from 深圳市银行 or
// 上海科技有限公司, what is left names a trade, not a company, and must not match others.

// Legal forms and their parts.
const LEGAL = [
  '公司', '有限', '有限公司', '股份', '责任', '有限责任', '股份有限', '集团', '分公司', '总公司',
  '控股', '合伙', '普通合伙', '有限合伙', '独资',
];

// Trade words that dress up a name; a name made only of these (科技发展, 信息技术) says nothing.
const TRADE = [
  '科技', '技术', '实业', '贸易', '商贸', '工贸', '经贸', '外贸', '进出口', '电子', '信息', '网络',
  '软件', '通信', '通讯', '发展', '投资', '管理', '服务', '咨询', '工程', '建设', '制造', '工业',
  '企业', '商务', '国际', '开发', '研发', '创新', '智能', '数码', '数字', '商业', '产业',
  '供应链', '营销', '策划', '设计', '安装', '劳务', '系统', '集成', '应用', '智慧', '新技术',
  '高科技', '高新', '环球', '全球', '联合', '综合', '经营', '销售', '生产', '加工', '代理',
];

// Industry nouns that stand alone once a region is stripped (北京银行 → 银行).
const INDUSTRY = [
  '银行', '保险', '证券', '期货', '基金', '信托', '租赁', '担保', '典当', '金融', '资本', '资产',
  '财富', '医院', '诊所', '学校', '大学', '学院', '中学', '小学', '幼儿园', '培训', '酒店', '饭店',
  '宾馆', '旅馆', '餐厅', '超市', '商场', '百货', '药房', '药店', '大药房', '旅游', '旅行社', '电气',
  '电器', '家电', '汽车', '汽配', '物流', '快递', '货运', '运输', '交通', '航空', '港口', '铁路',
  '地产', '房地产', '置业', '物业', '建筑', '建工', '建材', '装饰', '装修', '路桥', '市政', '园林',
  '食品', '餐饮', '酒业', '啤酒', '茶业', '农业', '林业', '牧业', '渔业', '水产', '畜牧', '传媒',
  '文化', '教育', '出版', '书店', '书局', '广告', '影视', '娱乐', '体育', '会展', '医药', '药业',
  '制药', '医疗', '医疗器械', '器械', '生物', '健康', '养老', '能源', '新能源', '电力', '燃气',
  '水务', '石油', '石化', '化工', '化学', '矿业', '钢铁', '有色', '机械', '机电', '设备', '五金',
  '材料', '新材料', '塑料', '橡胶', '纺织', '服装', '服饰', '鞋业', '皮革', '家具', '家居', '照明',
  '光电', '印刷', '包装', '环保', '环境', '电信', '移动', '联通', '互联网', '物联网', '电子商务',
  '自动化', '人力资源', '石油化工', '生物医药', '石油天然气', '律师事务所', '会计师事务所', '事务所', '工作室', '研究院', '研究所',
  '设计院', '中心', '商行', '商店', '门市部', '合作社', '信用社', '农村商业银行', '农商银行',
];

// Latin names: legal forms and the words that decorate them.
const LATIN = [
  'co', 'ltd', 'inc', 'corp', 'company', 'limited', 'group', 'china', 'international', 'tech',
  'technology', 'technologies', 'holdings', 'holding', 'trading', 'industrial', 'industries',
  'services', 'global', 'enterprise', 'enterprises', 'development', 'investment', 'consulting',
];

const normalised = (words: readonly string[]) => words.map(duplicateText);

export const GENERIC_CORE_WORDS: ReadonlySet<string> = new Set(
  normalised([...LEGAL, ...TRADE, ...INDUSTRY, ...LATIN]),
);

// A run of generic words is generic when it ends in a trade word (医药科技, 物业管理, 科技发展):
// the trade word only dresses it up. Ending in an industry noun it names an institution
// (建设银行, 交通银行) and stays a core; the few generic ones of those are listed above.
const ALL_PIECES = GENERIC_CORE_WORDS;
const TAIL_PIECES: ReadonlySet<string> = new Set(normalised([...LEGAL, ...TRADE, ...LATIN]));
const PIECE_MAX = Math.max(...[...ALL_PIECES].map((w) => w.length));

/** Whether the text splits into generic words, two or more, the last a trade word. */
function isTradeRun(text: string): boolean {
  // reach[i]: the first i characters split into generic words (word break on a short text).
  const reach = new Array<boolean>(text.length + 1).fill(false);
  reach[0] = true;
  for (let end = 2; end <= text.length; end++) {
    for (let len = Math.min(PIECE_MAX, end); len >= 2 && !reach[end]; len--) {
      if (reach[end - len] && ALL_PIECES.has(text.slice(end - len, end))) reach[end] = true;
    }
  }
  for (let len = Math.min(PIECE_MAX, text.length - 2); len >= 2; len--) {
    if (reach[text.length - len] && TAIL_PIECES.has(text.slice(text.length - len))) return true;
  }
  return false;
}

/**
 * Whether a normalised core names no company: a built-in generic word, a division name, or a
 * run of generic words ending in a trade word (科技发展, 医药科技, chinainternational).
 */
export function isGenericCoreWord(norm: string): boolean {
  if (GENERIC_CORE_WORDS.has(norm)) return true;
  if (leadingDivision(norm) === norm) return true;
  return norm.length >= 4 && isTradeRun(norm);
}


// ---- company-core.ts ----
// A company name's core: what is left once the legal form, the branch and the places are gone,
// so 大疆创新科技（深圳）有限公司 and 深圳市大疆创新科技有限公司 are recognised as one company.

const FORMAT_CHARS = /\p{Cf}+/gu;
// NFKC already turns （）［］ into ()[]; these brackets it leaves alone.
const OPENING = /[[【〔〖]/gu;
const CLOSING = /[\]】〕〗]/gu;
const BRACKETED = /\(([^()]*)\)/gu;

// Latin legal forms at the end, after a word boundary (Latin letters or digits may not precede).
const LATIN_TAIL =
  /[\s.,&-]*(?<![\p{Script=Latin}\p{N}])(?:co|ltd|limited|inc|incorporated|llc|gmbh|corp|corporation|company|plc|ag|s\.?a|b\.?v|n\.?v|pte|pty|srl|spa|kk|group|holdings?)\.?[\s.,]*$/u;

// Legal forms, including the simplified and traditional spellings teams paste from Hong Kong
// or Taiwan, and enterprise words such as 厂 that play the same role.
const LEGAL_FORMS = [
  '股份有限公司', '有限责任公司', '有限責任公司', '个人独资企业', '特殊普通合伙', '有限公司',
  '股份公司', '集团公司', '集團公司', '合伙企业', '普通合伙', '有限合伙', '总公司', '總公司',
  '加工厂', '公司', '集团', '集團', '控股', '股份', '有限', '工厂', '厂',
];
// Branch suffixes: a place right before them (深圳分公司, 南山支行) goes with them.
const BRANCH_SUFFIXES = [
  '分支机构', '分公司', '分厂', '分店', '门店', '門店', '分行', '支行', '办事处', '辦事處', '营业部',
  '營業部', '经营部', '經營部', '门市部', '代表处', '分部', '分所', '分院', '分中心', '分社',
];

interface Suffix {
  text: string;
  branch: boolean;
}

// Longest first, so 股份有限公司 goes in one piece rather than as 公司 then 有限 then 股份.
const SUFFIXES: readonly Suffix[] = [
  ...LEGAL_FORMS.map((text) => ({ text, branch: false })),
  ...BRANCH_SUFFIXES.map((text) => ({ text, branch: true })),
].sort((a, b) => b.text.length - a.text.length);

const LEGAL_SET: ReadonlySet<string> = new Set(LEGAL_FORMS);

/** Brackets that only say where or what kind: （深圳）, (中国), （集团）, (China). */
function isNoiseInBrackets(inner: string): boolean {
  const n = duplicateText(inner);
  return n === '' || n === 'china' || LEGAL_SET.has(n) || leadingDivision(n) === n;
}

function stripLatinTail(text: string): string {
  for (let m = LATIN_TAIL.exec(text); m; m = LATIN_TAIL.exec(text)) text = text.slice(0, m.index);
  return text;
}

function stripTrailingPlaces(text: string): string {
  for (let p = trailingPlace(text); p; p = trailingPlace(text)) text = text.slice(0, -p.length);
  return text;
}

function stripSuffixes(text: string): string {
  for (let again = true; again; ) {
    again = false;
    for (const { text: suffix, branch } of SUFFIXES) {
      if (!text.endsWith(suffix)) continue;
      text = text.slice(0, -suffix.length);
      if (branch) text = stripTrailingPlaces(text);
      again = true;
      break;
    }
  }
  return text;
}

/**
 * The name in duplicateText form without brackets of place or legal form, Latin and Chinese
 * legal forms and branch suffixes; leading places are kept.
 */
export function legalFormStripped(name: string): string {
  let text = name.normalize('NFKC').toLowerCase().replace(FORMAT_CHARS, '');
  text = text.replace(OPENING, '(').replace(CLOSING, ')');
  // Twice, for one level of nesting: （中国（深圳））.
  for (let i = 0; i < 2 && text.includes('('); i++) {
    text = text.replace(BRACKETED, (_, inner: string) => ` ${isNoiseInBrackets(inner) ? '' : inner} `);
  }
  return stripSuffixes(duplicateText(stripLatinTail(text)));
}

/**
 * The company core in duplicateText form, or null when the name says nothing about which
 * company it is (深圳市有限公司). Two names with the same core are likely the same company.
 */
export function companyCore(name: string): string | null {
  const stripped = legalFormStripped(name);
  let core = stripped;
  for (let d = leadingDivision(core); d; d = leadingDivision(core)) core = core.slice(d.length);
  // Nothing but places and legal forms.
  if (core === '') return null;
  if (charCount(core) >= 2 && !isGenericCoreWord(core)) return core;
  // A region with a trade (北京银行): the region is what tells it from 上海银行.
  return charCount(stripped) >= 2 && !isGenericCoreWord(stripped) ? stripped : null;
}


// ---- keys.ts ----

// What a customer is compared by, as its row stores it: the normalised name and keyword and the
// company core (null when the name has none that tells it apart).

export interface DuplicateKeys {
  name_norm: string;
  keyword_norm: string;
  name_core: string | null;
}

export type DuplicateReason = 'same_keyword' | 'same_name' | 'keyword_in_name' | 'name_has_keyword';

/** The shortest keyword that is compared at all, in characters. */
export const MIN_KEYWORD_CHARS = 2;
/** The shortest name a live check answers for, in characters. */
export const MIN_NAME_CHARS = 4;

export function duplicateKeysOf(name: string, keyword: string): DuplicateKeys {
  return { name_norm: duplicateText(name), keyword_norm: duplicateText(keyword), name_core: companyCore(name) };
}

export type GroupReason = 'same_keyword' | 'same_name';

/** The duplicate groups a customer with these keys belongs to (duplicate_keys). */
export function groupKeysOf(keys: Pick<DuplicateKeys, 'keyword_norm' | 'name_core'>): { reason: GroupReason; key: string }[] {
  const out: { reason: GroupReason; key: string }[] = [];
  // A keyword that names a place (refused today, but kept from older data) groups nothing.
  if (charCount(keys.keyword_norm) >= MIN_KEYWORD_CHARS && !isDivisionName(keys.keyword_norm)) out.push({ reason: 'same_keyword', key: keys.keyword_norm });
  if (keys.name_core !== null) out.push({ reason: 'same_name', key: keys.name_core });
  return out;
}

/** A change to how many live customers hold a group key. */
export interface KeyDelta {
  reason: GroupReason;
  key: string;
  delta: number;
}

/** The deltas of customers entering (+1) or leaving (-1) the live set. */
export function keyDeltas(customers: readonly Pick<DuplicateKeys, 'keyword_norm' | 'name_core'>[], delta: 1 | -1): KeyDelta[] {
  return customers.flatMap((c) => groupKeysOf(c).map((k) => ({ ...k, delta })));
}
