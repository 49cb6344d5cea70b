import { z } from 'zod';
import { Email, pageOf, requiredText, text } from './common.js';

// A customer's contacts (zone 4).

const contactFields = {
  name: requiredText(60),
  title: text(60).optional(),
  mobile: text(40).optional(),
  phone: text(40).optional(),
  email: Email.optional(),
  wechat: text(60).optional(),
  qq: text(20).optional(),
  isPrimary: z.boolean().optional(),
  notes: text(2000).optional(),
};
export const CreateContactRequest = z.strictObject(contactFields);
export const UpdateContactRequest = z.strictObject({
  version: z.number().int().min(1),
  ...contactFields,
  name: contactFields.name.optional(),
});
export const Contact = z.object({
  id: z.string(),
  customerId: z.string(),
  name: z.string(),
  title: z.string(),
  mobile: z.string(),
  phone: z.string(),
  email: z.string(),
  wechat: z.string(),
  qq: z.string(),
  isPrimary: z.boolean(),
  notes: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;
export const ContactList = pageOf(Contact);
