// The built-in generic keywords that migration 0100 seeds, frozen as they were when it landed:
// copied verbatim from server/src/db/seed/generic-keywords.ts and common/normalize.ts
// (normalizeText) at commit 5780a99. Never edit this file (docs/decisions/0019).

// NFKC folds full-width to half-width, then lower case, then every kind of space removed.
function normalizeText(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

// Words too common to identify a customer: refused as keywords (the admin can add more).
const words = [
  '公司', '有限公司', '有限责任公司', '股份有限公司', '分公司', '总公司', '集团', '集团公司', '控股',
  '科技', '技术', '信息', '网络', '电子', '通信', '软件', '实业', '贸易', '商贸', '工贸', '企业',
  '发展', '投资', '管理', '服务', '咨询', '工程', '建设', '制造', '工业', '商行', '商店', '经营部',
  '中国', '中华', '国际', '全球', '亚洲', '华南', '华北', '华东', '华中', '西南', '西北', '东北',
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽',
  '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西',
  '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
  '深圳', '广州', '杭州', '南京', '苏州', '武汉', '成都', '西安', '郑州', '长沙', '青岛', '厦门',
  '宁波', '东莞', '佛山', '无锡', '合肥', '济南', '福州', '昆明', '沈阳', '大连', '哈尔滨', '长春',
  '石家庄', '太原', '南昌', '南宁', '贵阳', '兰州', '海口', '珠海', '中山', '惠州', '温州', '常州',
  '省', '市', '区', '县',
  'co', 'ltd', 'inc', 'corp', 'company', 'limited', 'group', 'china', 'international', 'tech', 'technology',
];

export const defaultGenericKeywords = [...new Set(words.map(normalizeText))];
