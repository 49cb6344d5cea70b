import { z } from 'zod';
import { DateString, PageQuery, pageOf, requiredText } from './common.js';
import { Change } from './audit.js';

// A customer's activities: the operation log and follow-ups (zone 5).

export const followUpMethods = ['phone', 'visit', 'wechat', 'email', 'other'] as const;
const followUpFields = {
  occurredOn: DateString,
  method: z.enum(followUpMethods).optional(),
  content: requiredText(4000),
  nextFollowUpOn: DateString.nullable().optional(),
};
export const CreateFollowUpRequest = z.strictObject({ kind: z.literal('followup').optional(), ...followUpFields });
export const UpdateFollowUpRequest = z.strictObject({
  version: z.number().int().min(1),
  kind: z.literal('followup').optional(),
  occurredOn: followUpFields.occurredOn.optional(),
  method: followUpFields.method,
  content: followUpFields.content.optional(),
  nextFollowUpOn: followUpFields.nextFollowUpOn,
});

export const LogEntry = z.object({
  kind: z.literal('log'),
  id: z.string(),
  at: z.string(),
  actorName: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  changes: z.array(Change),
});
export const FollowUp = z.object({
  kind: z.literal('followup'),
  id: z.string(),
  at: z.string(),
  actorName: z.string(),
  occurredOn: z.string(),
  method: z.enum(followUpMethods).nullable(),
  content: z.string(),
  nextFollowUpOn: z.string().nullable(),
  version: z.number().int(),
});
export type FollowUp = z.infer<typeof FollowUp>;
export const Activity = z.discriminatedUnion('kind', [LogEntry, FollowUp]);
export const ActivityList = pageOf(Activity);
export const ActivityQuery = z.strictObject({
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
  cursor: PageQuery.cursor,
  kind: z.enum(['log', 'followup']).optional(),
});

export const DueFollowUp = z.object({
  customerId: z.string(),
  customerName: z.string(),
  ownerName: z.string(),
  nextFollowUpOn: z.string(),
  overdueDays: z.number().int(),
  /** Days from today (business time zone) to the date: negative when overdue. */
  daysUntil: z.number().int(),
  lastContent: z.string(),
});
export const DueFollowUpList = pageOf(DueFollowUp);
export const DueQuery = z.strictObject({
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
  /** Include follow-ups due within this many days after today (default 0: today and overdue). */
  withinDays: z.coerce.number().int().min(0).max(365).optional(),
});
