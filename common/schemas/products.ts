import { z } from 'zod';
import { IdString, Money, NumberedPageQuery, pageOf, requiredText, text } from './common.js';

// The products the firm sells: price, annual fee and supplier.

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
