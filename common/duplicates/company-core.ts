// A company name's core: what is left once the legal form, the branch and the places are gone,
// so 大疆创新科技（深圳）有限公司 and 深圳市大疆创新科技有限公司 are recognised as one company.
import { leadingDivision, trailingPlace } from './divisions.js';
import { isGenericCoreWord } from './generic-words.js';
import { charCount, duplicateText } from './text.js';

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
