import type { Kysely } from 'kysely';
import { CUSTOMER_PURCHASES_MAX_FEN, formatMoney, MONEY_MAX_FEN } from '../../../../common/money.js';
import type { DB } from '../../db/schema.js';
import { fieldError } from '../../lib/app-error.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';
import { purchasesTotal } from './repo.js';

// The money contract's bounds on what the server derives (docs/decisions/0015): a line's amount
// is at most MONEY_MAX_FEN and one customer's purchases add up to at most
// CUSTOMER_PURCHASES_MAX_FEN, so every stored amount and every per-customer sum is exact both
// as a JavaScript number and as a PostgreSQL bigint. Inputs are bounded by the Money schema.

/** quantity × unit price − discount, computed exactly, as a number; 422 on `field` past MONEY_MAX_FEN. */
export function boundedAmount(amountFen: bigint, field: string): number {
  if (amountFen > BigInt(MONEY_MAX_FEN)) {
    const max = formatMoney(MONEY_MAX_FEN);
    throw fieldError(field, {
      zh: `金额超出上限：数量 × 单价 − 折扣最多 ${max}`,
      en: `the amount is too large: quantity × unit price − discount is at most ${max}`,
    });
  }
  return Number(amountFen);
}

/**
 * 422 when the customer's purchases now add up to more than CUSTOMER_PURCHASES_MAX_FEN. Called
 * after the write, in its transaction, once the customer row is locked: a concurrent purchase of
 * the same customer waits for the lock and then counts this one.
 */
export async function assertCustomerPurchasesWithinBound(db: Kysely<DB>, customer: VisibleCustomer): Promise<void> {
  if ((await purchasesTotal(db, customer)) > BigInt(CUSTOMER_PURCHASES_MAX_FEN)) {
    const max = formatMoney(CUSTOMER_PURCHASES_MAX_FEN);
    throw fieldError('amount', { zh: `该客户的购买总额将超出上限（最多 ${max}）`, en: `the customer's purchases would add up to more than ${max}` });
  }
}
