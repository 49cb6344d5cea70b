import { z } from 'zod';
import { DateString, IdString, Money, Quantity, pageOf, text } from './common.js';
import { Purchase } from './purchases.js';
import { QUOTE_LINES_MAX } from '../money.js';

// Quotes (zone 6) and turning an accepted quote into purchases.

export const quoteStatuses = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;

const QuoteLineInput = z.strictObject({
  productId: IdString,
  quantity: Quantity,
  unitPrice: Money.optional(),
  discount: Money.optional(),
});
export const CreateQuoteRequest = z.strictObject({
  quotedOn: DateString,
  validUntil: DateString.nullable().optional(),
  status: z.enum(quoteStatuses).optional(),
  notes: text(2000).optional(),
  lines: z.array(QuoteLineInput).min(1).max(QUOTE_LINES_MAX),
});
export const UpdateQuoteRequest = z.strictObject({
  version: z.number().int().min(1),
  quotedOn: DateString.optional(),
  validUntil: DateString.nullable().optional(),
  status: z.enum(quoteStatuses).optional(),
  notes: text(2000).optional(),
  lines: z.array(QuoteLineInput).min(1).max(QUOTE_LINES_MAX).optional(),
});
export const QuoteLine = z.object({
  id: z.string(),
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  unit: z.string(),
  quantity: z.number(),
  unitPrice: z.string(),
  discount: z.string(),
  amount: z.string(),
});
export const Quote = z.object({
  id: z.string(),
  customerId: z.string(),
  quotedOn: z.string(),
  validUntil: z.string().nullable(),
  /** `expired` when a draft or sent quote is past its validity, whatever was stored. */
  status: z.enum(quoteStatuses),
  notes: z.string(),
  amount: z.string(),
  lines: z.array(QuoteLine),
  authorName: z.string(),
  purchasedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Quote = z.infer<typeof Quote>;
export const QuoteList = pageOf(Quote);
export const QuoteToPurchaseResult = z.object({ items: z.array(Purchase) });

const ChildId = IdString;
export const QuoteParams = z.strictObject({ id: ChildId, qid: ChildId });
export const ToPurchasesRequest = z.strictObject({ purchasedOn: DateString.optional() });
