import { z } from 'zod';
import { DateString, IdString, PageQuery, pageOf } from './common.js';
import { Customer } from './customers.js';

// The duplicate warning, the admin's duplicate groups and the merge of two customers.

export const duplicateReasons = ['same_keyword', 'same_name', 'keyword_in_name', 'name_has_keyword'] as const;
export const DuplicateReason = z.enum(duplicateReasons);

/** A possible duplicate: nothing but its name, its owner's name and the rule that matched. */
export const DuplicateMatch = z.object({ customerName: z.string(), ownerName: z.string(), reason: DuplicateReason });
export const DuplicateQuery = z.strictObject({
  name: z.string().max(100).optional(),
  keyword: z.string().max(20).optional(),
  excludeId: IdString.optional(),
});
export const DuplicateResult = z.object({ matches: z.array(DuplicateMatch) });

export const DuplicateGroupsQuery = z.strictObject({ page: PageQuery.page, pageSize: PageQuery.pageSize });
export const DuplicateGroupCustomer = z.object({
  id: z.string(),
  name: z.string(),
  keyword: z.string(),
  ownerName: z.string(),
  createdOn: DateString,
});
export const DuplicateGroup = z.object({
  reason: z.enum(['same_keyword', 'same_name']),
  /** The shared normalised keyword or company core. */
  key: z.string(),
  customerCount: z.number().int(),
  /** At most 50, oldest first. */
  customers: z.array(DuplicateGroupCustomer),
});
export const DuplicateGroupList = pageOf(DuplicateGroup);

export const MergeRequest = z.strictObject({ sourceId: IdString, version: z.number().int().min(1) });
export type MergeRequest = z.infer<typeof MergeRequest>;

export const MergePreviewQuery = z.strictObject({ sourceId: IdString });
/** What a merge of `source` into `target` would do, for the side-by-side preview. */
export const MergePreview = z.object({
  target: Customer,
  source: Customer,
  /** The target's empty fields the source fills, with the source's value. */
  fills: z.array(z.object({ field: z.string(), value: z.string() })),
  /** How many of the source's records move to the target, and how many of its grants end. */
  moves: z.object({
    contacts: z.number().int(),
    followUps: z.number().int(),
    quotes: z.number().int(),
    purchases: z.number().int(),
    serviceRequests: z.number().int(),
    activeDelegations: z.number().int(),
  }),
});
