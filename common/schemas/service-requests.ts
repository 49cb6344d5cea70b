import { z } from 'zod';
import { DateString, IdString, PageQuery, pageOf, requiredText, text } from './common.js';
import { Contact } from './contacts.js';

// After-sales service (售后服务): requests per customer, assigned to any active staff member.

export const serviceStatuses = ['new', 'in_progress', 'resolved', 'closed', 'reopened'] as const;
export const servicePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const serviceChannels = ['phone', 'email', 'wechat', 'visit', 'other'] as const;

const fields = {
  title: requiredText(200),
  description: text(4000).optional(),
  priority: z.enum(servicePriorities).optional(),
  purchaseId: IdString.nullable().optional(),
  contactId: IdString.nullable().optional(),
  reportedOn: DateString.optional(),
  channel: z.enum(serviceChannels).nullable().optional(),
  assigneeId: IdString.nullable().optional(),
  status: z.enum(serviceStatuses).optional(),
  resolution: text(4000).optional(),
  timeSpentMinutes: z.number().int().min(0).max(1_000_000).optional(),
};
export const CreateServiceRequest = z.strictObject(fields);
export const UpdateServiceRequest = z.strictObject({ version: z.number().int().min(1), ...fields, title: fields.title.optional() });
/** What the assigned staff member may change from the service desk. */
export const DeskUpdateRequest = z.strictObject({
  version: z.number().int().min(1),
  status: z.enum(serviceStatuses).optional(),
  resolution: text(4000).optional(),
  timeSpentMinutes: z.number().int().min(0).max(1_000_000).optional(),
});

export const ServiceRequest = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  title: z.string(),
  description: z.string(),
  priority: z.enum(servicePriorities),
  purchaseId: z.string().nullable(),
  productName: z.string().nullable(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  reportedOn: z.string(),
  channel: z.enum(serviceChannels).nullable(),
  status: z.enum(serviceStatuses),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  resolution: z.string(),
  timeSpentMinutes: z.number().int(),
  authorName: z.string(),
  lastProgressAt: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceRequest = z.infer<typeof ServiceRequest>;
export const ServiceRequestList = pageOf(ServiceRequest);
export const ServiceParams = z.strictObject({ id: IdString, srid: IdString });
export const DeskParams = z.strictObject({ srid: IdString });

export const DeskQuery = z.strictObject({
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
  status: z.enum([...serviceStatuses, 'open']).optional(),
  priority: z.enum(servicePriorities).optional(),
  assigneeId: IdString.optional(),
  /** Only requests without progress for at least this many days. */
  overdueDays: z.coerce.number().int().min(1).max(3650).optional(),
  /** Only requests assigned to me. */
  mine: z.enum(['true', 'false']).optional(),
});

/** What the service desk shows: the request, the customer's name and its contacts — nothing else. */
export const DeskItem = z.object({
  request: ServiceRequest,
  customer: z.object({ id: z.string(), name: z.string() }),
  contacts: z.array(Contact.pick({ id: true, name: true, title: true, mobile: true, phone: true, email: true, wechat: true, isPrimary: true })),
});
