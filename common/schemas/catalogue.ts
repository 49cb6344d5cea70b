import { z } from 'zod';
import { isWithinMoneyMax, MONEY_PATTERN } from '../money.js';
import { IdString, NumberedPageQuery, pageOf, requiredText, text } from './common.js';

/** A non-negative amount as a two-decimal string: "1280.50", at most MONEY_MAX_FEN. */
export const Money = z
  .string()
  .trim()
  .regex(MONEY_PATTERN, 'money')
  .refine((v) => !MONEY_PATTERN.test(v) || isWithinMoneyMax(v), 'moneyMax');
const EmailFormat = z.email();
const Email = text(200).refine((v) => v === '' || EmailFormat.safeParse(v).success, 'email');

const supplierFields = {
  name: requiredText(100),
  contactName: text(60).optional(),
  phone: text(40).optional(),
  email: Email.optional(),
  address: text(200).optional(),
  bankName: text(100).optional(),
  bankAccount: text(60).optional(),
  taxId: text(40).optional(),
  notes: text(2000).optional(),
  active: z.boolean().optional(),
};
export const CreateSupplierRequest = z.strictObject(supplierFields);
export const UpdateSupplierRequest = z.strictObject({ version: z.number().int().min(1), ...supplierFields, name: supplierFields.name.optional() });
export const Supplier = z.object({
  id: z.string(),
  name: z.string(),
  contactName: z.string(),
  phone: z.string(),
  email: z.string(),
  address: z.string(),
  bankName: z.string(),
  bankAccount: z.string(),
  taxId: z.string(),
  notes: z.string(),
  active: z.boolean(),
  productCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Supplier = z.infer<typeof Supplier>;
export const SupplierList = pageOf(Supplier);
export const SupplierQuery = z.strictObject({
  ...NumberedPageQuery,
  sort: z.enum(['name', 'createdAt']).optional(),
  active: z.enum(['true', 'false']).optional(),
});

const productFields = {
  code: requiredText(40),
  name: requiredText(100),
  model: text(100).optional(),
  unit: text(20).optional(),
  price: Money,
  annualFee: Money.optional(),
  supplierId: IdString.nullable().optional(),
  category: text(60).optional(),
  active: z.boolean().optional(),
  notes: text(2000).optional(),
};
export const CreateProductRequest = z.strictObject(productFields);
export const UpdateProductRequest = z.strictObject({
  version: z.number().int().min(1),
  ...productFields,
  code: productFields.code.optional(),
  name: productFields.name.optional(),
  price: productFields.price.optional(),
});
export const Product = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  model: z.string(),
  unit: z.string(),
  price: z.string(),
  annualFee: z.string(),
  supplierId: z.string().nullable(),
  supplierName: z.string().nullable(),
  category: z.string(),
  active: z.boolean(),
  notes: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof Product>;
export const ProductList = pageOf(Product);
export const ProductQuery = z.strictObject({
  ...NumberedPageQuery,
  sort: z.enum(['code', 'name', 'price', 'createdAt']).optional(),
  active: z.enum(['true', 'false']).optional(),
  supplierId: IdString.optional(),
  category: z.string().max(60).optional(),
});
