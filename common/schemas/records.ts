import { z } from 'zod';
import { DateString, IdString, PageQuery, pageOf, requiredText, text } from './common.js';
import { Change } from './audit.js';

// Records under a customer: contacts (zone 4), the operation log and follow-ups (zone 5).

const EmailFormat = z.email();
const Email = text(200).refine((v) => v === '' || EmailFormat.safeParse(v).success, 'email');

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
export const ChildParams = z.strictObject({ id: IdString, childId: IdString });

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
