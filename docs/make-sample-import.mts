// Writes docs/sample-import.xlsx and docs/sample-import.csv: a small customer list as people
// keep it in Excel — Chinese headers, two contacts per row, dates in several formats — with one
// possible duplicate (row 5 repeats row 2's company) and one row that is rejected (no keyword).
// Run: node --import tsx docs/make-sample-import.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const header = ['客户名称', '关键字', '客户状态', '创建日期', '行业', '地区', '电话', '联系人', '职务', '手机', '联系人2', '手机2', '备注'];
const rows: (string | Date | number)[][] = [
  ['杭州西湖龙井茶业有限公司', '西湖龙井', '意向客户', new Date(Date.UTC(2019, 2, 15)), '食品', '浙江', '0571-87650001', '王芳', '采购经理', '13800000001', '李强', '13800000002', '老客户介绍'],
  ['宁波甬江机械制造厂', '甬江机械', '潜在客户', '2020/6/1', '机械', '浙江', '0574-87650002', '赵敏', '总经理', '13800000003', '', '', ''],
  ['温州瓯海眼镜有限公司', '瓯海眼镜', '正式客户', 43539, '制造', '浙江', '0577-87650003', '钱七', '', '13800000004', '', '', ''],
  ['西湖龙井茶业（上海）分公司', '龙井上海', '潜在客户', '2021年5月8日', '食品', '上海', '', '孙丽', '店长', '13800000005', '', '', '与第 2 行可能是同一客户'],
  ['无关键字的客户', '', '潜在客户', '2022-01-01', '', '', '', '', '', '', '', '', '缺少关键字，将被拒绝'],
  ['嘉兴南湖纺织有限公司', '南湖纺织', '意向客户', '2023-09-30', '纺织', '浙江', '0573-87650006', '周杰', '厂长', '13800000006', '吴敏', '13800000007', ''],
];

const dir = import.meta.dirname;
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('客户');
sheet.addRow(header);
for (const row of rows) sheet.addRow(row);
sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
await workbook.xlsx.writeFile(join(dir, 'sample-import.xlsx'));

const cell = (v: string | Date | number) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
// UTF-8 with a BOM, as Excel saves "CSV UTF-8".
writeFileSync(join(dir, 'sample-import.csv'), `\uFEFF${csv}`);
