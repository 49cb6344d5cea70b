import { z } from 'zod';
import { isWithinMoneyMax, MONEY_PATTERN, QUANTITY_MAX } from '../money.js';

/**
 * Ids are strings in JSON whatever the database stores: positive integers up to 2^53 − 1, which
 * JavaScript holds exactly and PostgreSQL's bigint stores. The one schema of every id.
 */
export const IdString = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'id')
  .refine((s) => Number(s) <= Number.MAX_SAFE_INTEGER, 'id');
export const IdParams = z.strictObject({ id: IdString });

/** A calendar date `YYYY-MM-DD` that really exists. */
export const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'date');

/** Trimmed single-line text with a length bound. */
export function text(max: number) {
  return z.string().trim().max(max);
}
export function requiredText(max: number) {
  return z.string().trim().min(1, 'required').max(max);
}

export const PageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(100).optional(),
};
/** A list that pages by number only hands out no cursor, so it takes none: one sent is a 422. */
export const NumberedPageQuery = { page: PageQuery.page, pageSize: PageQuery.pageSize, order: PageQuery.order, q: PageQuery.q };

/** Ids of a record under a customer: `/customers/:id/<records>/:childId`. */
export const ChildParams = z.strictObject({ id: IdString, childId: IdString });
export const ChildListQuery = z.strictObject({ page: PageQuery.page, pageSize: PageQuery.pageSize });

/** A non-negative amount as a two-decimal string: "1280.50", at most MONEY_MAX_FEN. */
export const Money = z
  .string()
  .trim()
  .regex(MONEY_PATTERN, 'money')
  .refine((v) => !MONEY_PATTERN.test(v) || isWithinMoneyMax(v), 'moneyMax');

/** Up to three decimals, positive: 1, 1.5, 0.333. */
export const Quantity = z
  .number()
  .positive()
  .max(QUANTITY_MAX)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'quantity');

const EmailFormat = z.email();
/** An e-mail address, or empty. */
export const Email = text(200).refine((v) => v === '' || EmailFormat.safeParse(v).success, 'email');

/** The list envelope of the HTTP contract: a page of items and its total. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    totalExact: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
    nextCursor: z.string().nullable(),
  });
}

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
