// Deterministic fake data for the benchmark: a seeded PRNG and realistic Chinese / Latin
// company, person and phone generators. Same seed → same data set, byte for byte.

/** sfc32: small, fast, good enough for fake data; seeded from one integer. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

// --- Chinese company names: region + brand (字号) + industry + legal form ---------------------

export const REGIONS = [
  '北京', '上海', '深圳', '广州', '杭州', '南京', '苏州', '成都', '重庆', '武汉', '西安', '天津', '长沙',
  '郑州', '青岛', '宁波', '厦门', '福州', '合肥', '济南', '沈阳', '大连', '昆明', '南昌', '东莞', '佛山',
  '无锡', '常州', '温州', '珠海', '中山', '惠州', '哈尔滨', '长春', '石家庄', '太原', '南宁', '贵阳',
  '兰州', '乌鲁木齐', '呼和浩特', '海口', '烟台', '潍坊', '徐州', '扬州', '绍兴', '嘉兴', '台州', '金华',
];

/** Famous brands that the bench searches for (2-character keywords common across the data set). */
export const HOT_BRANDS = ['中兴', '华为', '联想', '海尔', '美的', '格力', '长城', '东方', '华夏', '中天'];

const BRAND_CHARS = [...'华兴中达盛恒创新信通泰德联宏天昌鑫源丰安康瑞和佳益嘉明光永隆金鼎博锐凯豪腾飞宇海浩诚远志正科航汇聚'];

export const INDUSTRIES = [
  '科技', '贸易', '电子', '网络科技', '信息技术', '实业', '机械', '化工', '医疗器械', '物流', '建材', '食品',
  '服饰', '文化传媒', '软件', '自动化设备', '环保科技', '新能源', '通讯设备', '精密制造',
];
const FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];

export interface CompanyName {
  name: string;
  keyword: string;
  region: string;
  industry: string;
}

export function chineseCompany(rng: Rng): CompanyName {
  const region = rng.pick(REGIONS);
  // One in eight carries a famous brand, so that searching 中兴 / 华为 finds thousands.
  const brand = rng.chance(0.125) ? rng.pick(HOT_BRANDS) : rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS);
  const industry = rng.pick(INDUSTRIES);
  const form = rng.pick(FORMS);
  // Some carry the region after the brand (中兴通讯(北京)…) or a branch suffix.
  const name = rng.chance(0.1)
    ? `${brand}${industry}（${region}）${form}`
    : rng.chance(0.05)
      ? `${region}${brand}${industry}${form}${rng.pick(['南山', '浦东', '海淀', '天河', '高新'])}分公司`
      : `${region}${brand}${industry}${form}`;
  return { name, keyword: brand, region, industry };
}

// --- Latin company names ----------------------------------------------------------------------

const LATIN_HEADS = ['Zen', 'Nova', 'Astra', 'Blue', 'Bright', 'Cedar', 'Delta', 'Echo', 'Fusion', 'Green', 'Helix', 'Iron', 'Jade', 'Kilo', 'Lumen', 'Metro', 'North', 'Orbit', 'Pixel', 'Quant', 'River', 'Solar', 'Terra', 'Ultra', 'Vertex', 'West', 'Xeno', 'Yield', 'Zeta', 'Apex'];
const LATIN_TAILS = ['tech', 'ware', 'tron', 'link', 'soft', 'data', 'logic', 'works', 'sys', 'net', 'corp', 'gen', 'lab', 'point', 'wave', 'field', 'stone', 'mark', 'line', 'core'];
const LATIN_FORMS = ['Ltd.', 'Co., Ltd.', 'Inc.', 'GmbH', 'LLC', 'Trading Ltd.', 'Technologies Ltd.', 'Electronics Co.', 'Holdings Ltd.'];

export function latinCompany(rng: Rng): CompanyName {
  const brand = rng.pick(LATIN_HEADS) + rng.pick(LATIN_TAILS) + (rng.chance(0.3) ? String(rng.int(1, 99)) : '');
  const name = `${brand} ${rng.pick(LATIN_FORMS)}`;
  return { name, keyword: brand, region: rng.chance(0.5) ? rng.pick(REGIONS) : '', industry: rng.pick(['IT', 'Trading', 'Electronics', 'Logistics', 'Manufacturing']) };
}

// --- people and phones --------------------------------------------------------------------

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰鹏飞建国文斌宇浩然欣怡子轩思雨佳琪梓涵晨'];
const LATIN_FIRST = ['Alice', 'Bob', 'Carol', 'David', 'Emma', 'Frank', 'Grace', 'Henry', 'Ivy', 'Jack', 'Kate', 'Leo', 'Mia', 'Nick', 'Olivia', 'Paul'];
const LATIN_LAST = ['Smith', 'Brown', 'Miller', 'Wilson', 'Taylor', 'Clark', 'Lee', 'Walker', 'Hall', 'Young', 'King', 'Wright'];

export function chinesePerson(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

export function latinPerson(rng: Rng): string {
  return `${rng.pick(LATIN_FIRST)} ${rng.pick(LATIN_LAST)}`;
}

const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '158', '159', '177', '186', '188', '189'];
const AREA_CODES = ['010', '021', '0755', '020', '0571', '025', '0512', '028', '023', '027', '029', '022'];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

export function landline(rng: Rng): string {
  return `${rng.pick(AREA_CODES)}-${rng.digits(8)}`;
}

export const TITLES = ['总经理', '采购经理', '技术总监', '财务', '销售经理', '工程师', '行政主管', 'CEO', 'CTO', 'Purchasing Manager'];
export const SOURCES = ['展会', '网络推广', '老客户介绍', '电话营销', '官网', '合作伙伴'];
