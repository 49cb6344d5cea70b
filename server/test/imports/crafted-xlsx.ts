import { constants, deflateRawSync } from 'node:zlib';

// xlsx files written byte by byte for the tests of hostile uploads. A zip writer (jszip,
// archiver) compresses what it is given: a part of hundreds of megabytes would cost seconds and
// as much memory to make. Here a part is a unit deflated once and repeated: each copy ends with
// a full flush, so it refers to nothing before it, and the copies inflate one after another.

export interface CraftedPart {
  name: string;
  /** Raw deflate data. */
  deflated: Buffer;
  /** What it inflates to; the zip directory says so unless `declaredSize` is given. */
  size: number;
  declaredSize?: number;
}

/** A part whose XML is `head`, then `unit` `times` times, then `tail`. */
export function repeatedPart(name: string, head: string, unit: string, times: number, tail: string): CraftedPart {
  const flushed = (text: string) => deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_FULL_FLUSH });
  const copy = flushed(unit);
  const deflated = Buffer.concat([flushed(head), ...Array.from({ length: times }, () => copy), deflateRawSync(Buffer.from(tail))]);
  return { name, deflated, size: Buffer.byteLength(head) + Buffer.byteLength(unit) * times + Buffer.byteLength(tail) };
}

export function plainPart(name: string, xml: string): CraftedPart {
  return { name, deflated: deflateRawSync(Buffer.from(xml)), size: Buffer.byteLength(xml) };
}

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="客户" sheetId="1"/></sheets></workbook>';
/** What the workbook part craftedXlsx adds inflates to. */
export const WORKBOOK_BYTES = Buffer.byteLength(WORKBOOK);
export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A workbook of the given parts (a first sheet among them), with its workbook part. */
export function craftedXlsx(parts: CraftedPart[]): Buffer {
  return zipOf([plainPart('xl/workbook.xml', WORKBOOK), ...parts]);
}

/** A zip of deflated entries; the checksums are left at zero (the reader ignores them). */
export function zipOf(parts: CraftedPart[]): Buffer {
  const out: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(part.declaredSize ?? part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.deflated.length, 20);
    central.writeUInt32LE(part.declaredSize ?? part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    out.push(local, name, part.deflated);
    directory.push(central, name);
    offset += local.length + name.length + part.deflated.length;
  }
  const cd = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, cd, end]);
}
