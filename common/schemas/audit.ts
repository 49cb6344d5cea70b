import { z } from 'zod';
import { DateString, IdString, PageQuery, pageOf } from './common.js';

/** One changed field; values are data (strings, numbers, booleans or null), never prose. */
export const Change = z.object({
  field: z.string(),
  old: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  new: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});
export type Change = z.infer<typeof Change>;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  entity: z.string(),
  entityId: z.string(),
  customerId: z.string().nullable(),
  action: z.string(),
  changes: z.array(Change),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
  cursor: PageQuery.cursor,
  actorId: IdString.optional(),
  entity: z.string().max(40).optional(),
  from: DateString.optional(),
  to: DateString.optional(),
});
export const AuditList = pageOf(AuditEntry);
