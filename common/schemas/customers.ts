import { z } from 'zod';
import { DateString, IdString, PageQuery, pageOf, requiredText, text } from './common.js';
import { ActiveGrant } from './delegations.js';

export const CustomerStatus = z.object({
  id: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  customerCount: z.number().int(),
});
export const CustomerStatusList = z.array(CustomerStatus);
export const CreateStatusRequest = z.strictObject({ name: requiredText(30) });
export const UpdateStatusRequest = z.strictObject({
  name: requiredText(30).optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

const customerFields = {
  name: requiredText(100),
  keyword: requiredText(20),
  statusId: IdString,
  industry: text(60).optional(),
  source: text(60).optional(),
  region: text(60).optional(),
  address: text(200).optional(),
  phone: text(40).optional(),
  website: text(200).optional(),
  notes: text(4000).optional(),
};

export const CreateCustomerRequest = z.strictObject({
  ...customerFields,
  ownerId: IdString.optional(),
  createdOn: DateString.optional(),
  confirmDuplicate: z.boolean().optional(),
});
export type CreateCustomerRequest = z.infer<typeof CreateCustomerRequest>;

export const UpdateCustomerRequest = z.strictObject({
  version: z.number().int().min(1),
  name: customerFields.name.optional(),
  keyword: customerFields.keyword.optional(),
  statusId: IdString.optional(),
  ownerId: IdString.optional(),
  createdOn: DateString.optional(),
  industry: customerFields.industry,
  source: customerFields.source,
  region: customerFields.region,
  address: customerFields.address,
  phone: customerFields.phone,
  website: customerFields.website,
  notes: customerFields.notes,
  confirmDuplicate: z.boolean().optional(),
});
export type UpdateCustomerRequest = z.infer<typeof UpdateCustomerRequest>;

export const Customer = z.object({
  id: z.string(),
  name: z.string(),
  keyword: z.string(),
  statusId: z.string(),
  statusName: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  createdOn: z.string(),
  industry: z.string(),
  source: z.string(),
  region: z.string(),
  address: z.string(),
  phone: z.string(),
  website: z.string(),
  notes: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  /** Active grants of this customer to other salespeople. */
  delegates: z.array(ActiveGrant),
  /** True when the caller sees it only through a grant (not owner, not admin). */
  isDelegatedToMe: z.boolean(),
});
export type Customer = z.infer<typeof Customer>;

export const customerSortFields = ['createdOn', 'name', 'updatedAt', 'id'] as const;
export const CustomerListQuery = z.strictObject({
  ...PageQuery,
  sort: z.enum(customerSortFields).optional(),
  statusId: IdString.optional(),
  ownerId: IdString.optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;
export const CustomerList = pageOf(Customer);


export const TransferRequest = z.strictObject({
  toUserId: IdString,
  customerIds: z.array(IdString).min(1).max(10_000).optional(),
});
export const TransferResult = z.object({ moved: z.number().int() });

export const GenericKeyword = z.object({ word: z.string(), builtIn: z.boolean() });
export const GenericKeywordList = z.array(GenericKeyword);
export const AddGenericKeywordRequest = z.strictObject({ word: requiredText(20) });
export const GenericKeywordParams = z.strictObject({ word: z.string().min(1).max(20) });
