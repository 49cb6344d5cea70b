// China's administrative divisions as the duplicate check sees them: names that say where a
// company is, not who it is, so 深圳市腾讯 and 腾讯 can be recognised as the same company.
import { areaList } from '@vant/area-data';
import { duplicateText } from './text.js';

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
