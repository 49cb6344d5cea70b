import type { Kysely } from 'kysely';
import { lineGrossFen, parseMoney, sum, toMilli } from '../../../../common/money.js';
import type { DB } from '../../db/schema.js';
import { fieldError } from '../../lib/app-error.js';
import { orderableProduct } from '../products/service.js';
import { boundedAmount } from '../purchases/money-bounds.js';

export interface LineInput {
  productId: string;
  quantity: number;
  unitPrice?: string | undefined;
  discount?: string | undefined;
}

/**
 * Prices quote lines: unit price defaults to the product's list price; discount is an amount off
 * the line. Each line is at most MONEY_MAX_FEN, so the total of QUOTE_LINES_MAX lines is exact.
 */
export async function priceLines(trx: Kysely<DB>, lines: LineInput[]) {
  const priced = [];
  for (const [i, line] of lines.entries()) {
    const product = await orderableProduct(trx, Number(line.productId), `lines.${i}.productId`);
    const quantity = toMilli(line.quantity);
    const unitPrice = line.unitPrice === undefined ? Number(product.price_fen) : parseMoney(line.unitPrice);
    const discount = line.discount === undefined ? 0 : parseMoney(line.discount);
    const gross = lineGrossFen(quantity, unitPrice);
    if (BigInt(discount) > gross) {
      throw fieldError(`lines.${i}.discount`, { zh: '折扣不能超过该行金额', en: 'the discount is more than the line amount' });
    }
    priced.push({
      position: i + 1,
      product_id: product.id,
      quantity_milli: quantity,
      unit_price_fen: unitPrice,
      discount_fen: discount,
      amount_fen: boundedAmount(gross - BigInt(discount), `lines.${i}.quantity`),
    });
  }
  return { lines: priced, total: sum(priced.map((l) => l.amount_fen)) };
}
