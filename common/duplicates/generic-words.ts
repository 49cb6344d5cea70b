// Words that cannot be a company's core on their own: once 深圳市 is stripped from 深圳市银行 or
// 上海科技有限公司, what is left names a trade, not a company, and must not match others.
import { leadingDivision } from './divisions.js';
import { duplicateText } from './text.js';

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
