import { describe, expect, it } from 'vitest';
import { companyCore, legalFormStripped } from './company-core.js';
import { isDivisionName, leadingDivision } from './divisions.js';
import { GENERIC_CORE_WORDS, isGenericCoreWord } from './generic-words.js';
import { duplicateText } from './text.js';

// Two names match when both have a core and the cores are equal; a null core never matches.
function matches(a: string, b: string): boolean {
  const core = companyCore(a);
  return core !== null && core === companyCore(b);
}

type Row = [a: string, b: string, why: string];

const SAME: Row[] = [
  ['深圳市大疆创新科技有限公司', '大疆创新科技（深圳）有限公司', 'city as prefix or in brackets'],
  ['大疆创新科技有限公司', '广东省深圳市大疆创新科技有限公司', 'province and city prefix'],
  ['腾讯科技（深圳）有限公司', '腾讯科技有限公司', 'bracketed city'],
  ['广东省深圳市南山区腾讯科技有限公司', '深圳腾讯科技有限公司', 'province, city, district vs city short form'],
  ['北京市海淀区联想集团有限公司', '联想集团', 'district prefix; 集团有限公司 vs 集团'],
  ['华为技术有限公司北京分公司', '华为技术有限公司', 'branch with its city'],
  ['华为技术有限公司华南分公司', '深圳市华为技术有限公司', 'branch of a sales region'],
  ['中国银行股份有限公司深圳南山支行', '中国银行股份有限公司', 'sub-branch: city and district short form'],
  ['招商银行股份有限公司深圳分行营业部', '招商银行', 'stacked branch suffixes'],
  ['中国工商银行股份有限公司北京朝阳支行', '中国工商银行', '朝阳 before 支行 is a place'],
  ['工商银行', '中国工商银行股份有限公司', 'national prefix'],
  ['中国建设银行股份有限公司广州分行', '建设银行', '建设银行 ends in an industry noun: a core'],
  ['平安银行股份有限公司深圳分行', '平安银行', 'bank branch'],
  ['北京银行股份有限公司上海分行', '北京银行', 'region kept for a generic core, branch still goes'],
  ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴网络技术有限公司', '(中国) in brackets'],
  ['中国平安保险（集团）股份有限公司', '平安保险股份有限公司', '（集团） and national prefix'],
  ['美的集团股份有限公司', '佛山美的集团', '集团股份有限公司 vs 集团, city short form'],
  ['珠海格力电器股份有限公司', '格力电器有限公司', '股份有限公司 vs 有限公司'],
  ['比亚迪股份有限公司', '比亚迪有限责任公司', '股份有限公司 vs 有限责任公司'],
  ['海尔集团公司', '青岛海尔集团', '集团公司 vs 集团'],
  ['海尔智家股份有限公司', '青岛海尔智家有限公司', 'city short form'],
  ['上海浦东发展银行股份有限公司', '浦东发展银行', '浦东 is no division short form'],
  ['内蒙古伊利实业集团股份有限公司', '伊利实业集团', 'autonomous region short form'],
  ['广西柳工机械股份有限公司', '柳工机械有限公司', '广西 for 广西壮族自治区'],
  ['新疆金风科技股份有限公司', '金风科技有限公司', '新疆 for 新疆维吾尔自治区'],
  ['延边朝鲜族自治州长白山旅游有限公司', '延边长白山旅游有限公司', 'autonomous prefecture, full and short'],
  ['三一重工股份有限公司', '湖南三一重工有限公司', 'province short form'],
  ['上海米哈游网络科技股份有限公司', '上海市徐汇区米哈游网络科技有限公司', 'city and district'],
  ['网易（杭州）网络有限公司', '杭州网易网络有限公司', 'bracketed city vs prefix'],
  ['香港长江实业（集团）有限公司', '长江实业集团有限公司', '香港 as a prefix'],
  ['鴻海精密工業股份有限公司', '鴻海精密工業集團', 'traditional 集團'],
  ['北京市金杜律师事务所', '金杜律师事务所上海分所', 'law firm and its branch'],
  ['北京市君合律师事务所', '君合律师事务所（普通合伙）', 'partnership form in brackets'],
  ['上海复星高科技（集团）有限公司', '复星高科技有限公司', '（集团） in the middle'],
  ['中国石油化工股份有限公司北京分公司', '中国石油化工股份有限公司', 'generic core falls back alike'],
  ['上海汽车集团股份有限公司', '上海汽车集团', 'industry noun keeps its city'],
  ['东方电气股份有限公司', '东方电气集团', '东方 (a county) is not stripped'],
  ['青岛啤酒股份有限公司', '青岛啤酒厂', '厂 as a legal form'],
  ['武汉钢铁（集团）公司', '武汉钢铁集团', '（集团）公司'],
  ['DJI Technology Co., Ltd.', 'dji technology co ltd', 'Latin: case and punctuation'],
  ['ＤＪＩ Technology Co., Ltd.', 'DJI Technology Co., Ltd.', 'full-width letters'],
  ['Apple Inc.', 'APPLE INCORPORATED', 'Inc. vs Incorporated'],
  ['Microsoft Corporation', 'Microsoft Corp.', 'Corporation vs Corp.'],
  ['Robert Bosch GmbH', 'ROBERT BOSCH GMBH.', 'GmbH'],
  ['Samsung Electronics Co., Ltd.', 'Samsung Electronics Co Ltd', 'Co., Ltd. with and without dots'],
  ['Volkswagen (China) Investment Co., Ltd.', 'Volkswagen Investment Company Limited', '(China)'],
  ['Nestlé S.A.', 'NESTLÉ SA', 'S.A. vs SA'],
  ['ASML Holding N.V.', 'ASML Holding NV', 'N.V. then Holding'],
  ['Sony Group Corporation', 'SONY GROUP CORP', 'Group Corporation'],
  ['Acme Trading, LLC', 'Acme Trading LLC', 'comma before LLC'],
  ['Tencent Holdings Limited', 'TENCENT HOLDINGS LTD.', 'Holdings Limited'],
  ['腾讯\u200B科技有限公司', '腾讯科技有限公司', 'zero-width space'],
  ['小米科技有限\u00AD责任公司', '小米科技有限责任公司', 'soft hyphen inside the legal form'],
  ['\uFEFF北京字节跳动科技有限公司', '字节跳动科技有限公司', 'BOM of a CSV before the city'],
  ['字节\u2060跳动科技', '字节跳动科技有限公司', 'word joiner'],
  ['DJI Technology Co.,\u200B Ltd.', 'DJI Technology Co., Ltd.', 'zero-width space in Co., Ltd.'],
  ['华为 技术 有限公司', '华为技术有限公司', 'spaces'],
  ['华为\u3000技术有限公司', '华为技术有限公司', 'ideographic space'],
  ['３６０安全科技股份有限公司', '北京360安全科技有限公司', 'full-width digits'],
  ['北京京东世纪贸易有限公司', '京东世纪贸易【北京】有限公司', '【】 brackets'],
  ['科大讯飞股份有限公司', '科大讯飞[合肥]有限公司', '[] brackets'],
  ['宁德时代新能源科技股份有限公司', '福建宁德时代新能源科技有限公司', 'province then city short form'],
];

const DIFFERENT: Row[] = [
  ['北京银行', '上海银行', 'the region tells two city banks apart'],
  ['北京银行股份有限公司', '上海银行股份有限公司', 'same, with legal forms'],
  ['华为技术有限公司', '华美技术有限公司', 'look-alike trade names'],
  ['东方电气股份有限公司', '上海电气集团股份有限公司', '东方 stays; 上海电气 falls back to its city'],
  ['小米科技有限责任公司', '小米通讯技术有限公司', 'trade words are part of the core'],
  ['平安银行股份有限公司', '中国平安保险（集团）股份有限公司', 'bank vs insurer'],
  ['平安银行', '平安保险', 'bank vs insurer, short'],
  ['中兴通讯股份有限公司', '中兴', 'an abbreviation is another core; search finds it'],
  ['腾讯科技（深圳）有限公司', '深圳市腾讯计算机系统有限公司', 'two companies of one group'],
  ['中国银行', '中国建设银行', 'national prefix kept only for a generic core'],
  ['中国工商银行', '中国农业银行', 'two state banks'],
  ['中国银行', '中国人民银行', 'commercial bank vs central bank'],
  ['交通银行', '建设银行', 'composed of generic words, yet names of banks'],
  ['招商银行股份有限公司', '招商证券股份有限公司', 'bank vs broker'],
  ['上海汽车集团股份有限公司', '北京汽车集团有限公司', 'industry noun falls back to the city'],
  ['北京科技发展有限公司', '上海科技发展有限公司', 'run of trade words falls back to the city'],
  ['青岛啤酒股份有限公司', '燕京啤酒股份有限公司', 'brewers, one named after a city'],
  ['青岛啤酒股份有限公司', '哈尔滨啤酒有限公司', 'brewers of two cities'],
  ['中国石油化工股份有限公司', '上海石油化工股份有限公司', '石油化工 is generic'],
  ['中国人民保险集团', '中国人寿保险股份有限公司', 'two insurers'],
  ['中国平安人寿保险股份有限公司', '中国平安财产保险股份有限公司', 'life vs property insurer'],
  ['长城汽车股份有限公司', '长安汽车股份有限公司', '长安 is a district, not stripped'],
  ['中国东方航空股份有限公司', '中国南方航空股份有限公司', 'two airlines'],
  ['海南航空控股股份有限公司', '四川航空股份有限公司', '航空 falls back to the province'],
  ['阿里巴巴（中国）网络技术有限公司', '阿里云计算有限公司', '阿里 is not taken for 阿里地区'],
  ['中山大学', '广州大学', '大学 falls back to the city'],
  ['深圳市大疆创新科技有限公司', '深圳市大疆百旺科技有限公司', 'two companies sharing a word'],
  ['美的集团股份有限公司', '美的置业集团有限公司', 'group vs its property arm'],
  ['华润万家有限公司', '华润置地有限公司', 'two companies of one group'],
  ['北京京东世纪贸易有限公司', '北京京东叁佰陆拾度电子商务有限公司', 'two JD entities'],
  ['深圳南山热电股份有限公司', '山东南山铝业股份有限公司', '南山 (a district) is not stripped'],
  ['Huawei Technologies Co., Ltd.', 'Huawei Device Co., Ltd.', 'two entities, Latin'],
  ['Tencent Holdings Limited', 'Tencent Music Entertainment Group', 'parent vs subsidiary'],
  ['深圳市有限公司', '深圳市有限公司', 'region and legal form only: no core'],
  ['深圳市有限公司', '广州市有限公司', 'region and legal form only'],
  ['广东省深圳市南山区有限公司', '深圳市南山区有限公司', 'only places'],
  ['科技有限公司', '科技有限公司', 'generic word only'],
  ['有限公司', '有限公司', 'legal form only'],
  ['Company Limited', 'Company Limited', 'Latin legal form only'],
  ['China International Group Ltd', 'China International Group Ltd', 'Latin generic words only'],
];

describe('companyCore: names that match', () => {
  it.each(SAME)('%s = %s (%s)', (a, b) => {
    expect(companyCore(a)).not.toBeNull();
    expect(companyCore(a)).toBe(companyCore(b));
  });
});

describe('companyCore: names that do not match', () => {
  it.each(DIFFERENT)('%s ≠ %s (%s)', (a, b) => {
    expect(matches(a, b)).toBe(false);
  });
});

describe('companyCore: the core itself', () => {
  it.each([
    ['大疆创新科技（深圳）有限公司', '大疆创新科技'],
    ['DJI Technology Co., Ltd.', 'djitechnology'],
    ['广东省深圳市南山区腾讯科技有限公司', '腾讯科技'],
    ['阿里巴巴集团控股有限公司', '阿里巴巴'],
    ['中国平安保险（集团）股份有限公司', '平安保险'],
    ['北京银行股份有限公司深圳分行', '北京银行'],
    ['中国石油化工股份有限公司', '中国石油化工'],
    ['北京市科技发展有限公司', '北京市科技发展'],
    ['ＡＢ有限公司', 'ab'],
    ['A有限公司', null],
    ['深圳市有限公司', null],
    ['科技发展有限公司', null],
    ['', null],
  ])('%s → %s', (name, core) => {
    expect(companyCore(name)).toBe(core);
  });

  it('legalFormStripped keeps leading places and drops the branch', () => {
    expect(legalFormStripped('广东省深圳市南山区腾讯科技有限公司')).toBe('广东省深圳市南山区腾讯科技');
    expect(legalFormStripped('华为技术有限公司江苏南京分公司')).toBe('华为技术');
  });
});

describe('duplicateText', () => {
  it.each([
    ['ＤＪＩ Ｔｅｃｈ', 'djitech', 'full-width letters and space'],
    ['３６０', '360', 'full-width digits'],
    ['公\u200B司', '公司', 'zero-width space'],
    ['a\u00ADb', 'ab', 'soft hyphen'],
    ['\uFEFF腾讯', '腾讯', 'BOM'],
    ['字节\u2060跳动', '字节跳动', 'word joiner'],
    ['Co., Ltd.', 'coltd', 'punctuation'],
    ['Nestle\u0301', 'nestlé', 'combining accent composed'],
  ])('%s → %s (%s)', (value, expected) => {
    expect(duplicateText(value)).toBe(expected);
  });
});

describe('divisions', () => {
  it.each([
    ['广东省', true], ['广东', true], ['深圳市', true], ['深圳', true], ['南山区', true],
    ['南山', false], ['东方市', true], ['东方', false], ['朝阳区', true], ['朝阳', false],
    ['内蒙古自治区', true], ['内蒙古', true], ['广西壮族自治区', true], ['广西', true],
    ['延边朝鲜族自治州', true], ['延边', true], ['香港特别行政区', true], ['香港', true],
    ['阿里地区', true], ['阿里', false], ['中国', true], ['中华', true], ['省直辖县', false],
    ['城区', false], [' 深圳市 ', true], ['深圳市南山区', false], ['腾讯', false],
  ])('isDivisionName(%s) = %s', (text, expected) => {
    expect(isDivisionName(text)).toBe(expected);
  });

  it.each([
    ['广东省深圳市腾讯', '广东省'], ['深圳市腾讯', '深圳市'], ['深圳腾讯', '深圳'],
    ['内蒙古伊利', '内蒙古'], ['南山腾讯', null], ['东方电气', null], ['腾讯', null],
  ])('leadingDivision(%s) = %s', (text, expected) => {
    expect(leadingDivision(text)).toBe(expected);
  });
});

describe('generic words', () => {
  it.each([
    ['科技', true], ['银行', true], ['律师事务所', true], ['ltd', true], ['深圳', true],
    ['广东省', true], ['科技发展', true], ['医药科技', true], ['chinainternational', true],
    ['石油化工', true], ['建设银行', false], ['交通银行', false], ['北京银行', false], ['腾讯', false],
  ])('isGenericCoreWord(%s) = %s', (word, expected) => {
    expect(isGenericCoreWord(word)).toBe(expected);
  });

  it('holds a sensible list, already normalised', () => {
    expect(GENERIC_CORE_WORDS.size).toBeGreaterThan(140);
    for (const word of GENERIC_CORE_WORDS) expect(duplicateText(word)).toBe(word);
  });
});
