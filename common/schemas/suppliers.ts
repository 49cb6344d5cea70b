import { z } from 'zod';
import { Email, NumberedPageQuery, pageOf, requiredText, text } from './common.js';

// The suppliers the products come from.

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
