import { describe, expect, it } from 'vitest';
import { neutralizeCell } from './cells.js';

describe('neutralizeCell', () => {
  it('prefixes cells that a spreadsheet would run', () => {
    for (const v of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '  =HYPERLINK("x")', '\u3000=1']) {
      expect(neutralizeCell(v), JSON.stringify(v)).toBe(`'${v}`);
    }
  });
  it('leaves ordinary text alone', () => {
    for (const v of ['中兴', 'a=b', '13800138000', '', 'x-y', 'email@example.com']) expect(neutralizeCell(v)).toBe(v);
  });
});
