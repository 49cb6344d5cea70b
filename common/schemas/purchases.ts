import { z } from 'zod';
import { DateString, IdString, Money, Quantity, pageOf, requiredText, text } from './common.js';

// Purchases, their payments and annual-fee payments (zone 7).

const purchaseFields = {
  productId: IdString,
  quantity: Quantity,
  unitPrice: Money.optional(),
  /** An amount off the purchase (e.g. carried over from a quote line). */
  discount: Money.optional(),
  purchasedOn: DateString,
  annualFee: Money.optional(),
  annualFeeDueOn: DateString.nullable().optional(),
  notes: text(2000).optional(),
};
export const CreatePurchaseRequest = z.strictObject(purchaseFields);
export const UpdatePurchaseRequest = z.strictObject({
  version: z.number().int().min(1),
  quantity: purchaseFields.quantity.optional(),
  unitPrice: purchaseFields.unitPrice,
  discount: purchaseFields.discount,
  purchasedOn: purchaseFields.purchasedOn.optional(),
  annualFee: purchaseFields.annualFee,
  annualFeeDueOn: purchaseFields.annualFeeDueOn,
  notes: purchaseFields.notes,
});
export const Purchase = z.object({
  id: z.string(),
  customerId: z.string(),
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  unit: z.string(),
  quoteId: z.string().nullable(),
  quantity: z.number(),
  unitPrice: z.string(),
  discount: z.string(),
  amount: z.string(),
  paidAmount: z.string(),
  owedAmount: z.string(),
  purchasedOn: z.string(),
  annualFee: z.string(),
  annualFeeDueOn: z.string().nullable(),
  notes: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Purchase = z.infer<typeof Purchase>;
export const PurchaseList = pageOf(Purchase);
const ChildId = IdString;
export const PurchaseParams = z.strictObject({ id: ChildId, pid: ChildId });
export const PaymentParams = z.strictObject({ id: ChildId, pid: ChildId, childId: ChildId });

const paymentMethods = ['bank', 'cash', 'wechat', 'alipay', 'cheque', 'other'] as const;
export const CreatePaymentRequest = z.strictObject({
  amount: Money,
  paidOn: DateString,
  method: z.enum(paymentMethods).optional(),
  notes: text(500).optional(),
});
export const UpdatePaymentRequest = z.strictObject({
  version: z.number().int().min(1),
  amount: Money.optional(),
  paidOn: DateString.optional(),
  method: z.enum(paymentMethods).nullable().optional(),
  notes: text(500).optional(),
});
export const Payment = z.object({
  id: z.string(),
  purchaseId: z.string(),
  amount: z.string(),
  paidOn: z.string(),
  method: z.enum(paymentMethods).nullable(),
  notes: z.string(),
  authorName: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
});
export const PaymentList = pageOf(Payment);

export const CreateAnnualFeePaymentRequest = z.strictObject({
  paidOn: DateString,
  amount: Money.optional(),
  notes: text(500).optional(),
});
export const UpdateAnnualFeePaymentRequest = z.strictObject({
  version: z.number().int().min(1),
  paidOn: DateString.optional(),
  amount: Money.optional(),
  notes: text(500).optional(),
});
export const AnnualFeePayment = z.object({
  id: z.string(),
  purchaseId: z.string(),
  paidOn: z.string(),
  amount: z.string(),
  /** The due date this payment settled; the purchase's due date moved one year on from it. */
  coveredDueOn: z.string(),
  notes: z.string(),
  authorName: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
});
export const AnnualFeePaymentList = pageOf(AnnualFeePayment);

export const requiredNote = requiredText(500);
