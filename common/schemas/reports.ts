import { z } from 'zod';
import { IdString, PageQuery } from './common.js';

// Zone 9: annual fees falling due (年费催缴) and arrears (欠款统计), charts and the dashboard.

export const ReportFormat = z.enum(['json', 'xlsx', 'csv']);

export const AnnualFeeQuery = z.strictObject({
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
  withinDays: z.coerce.number().int().min(0).max(366).optional(),
  ownerId: IdString.optional(),
  customerId: IdString.optional(),
  format: ReportFormat.optional(),
});
export const AnnualFeeRow = z.object({
  customerId: z.string(),
  customerName: z.string(),
  ownerName: z.string(),
  purchaseId: z.string(),
  productName: z.string(),
  annualFee: z.string(),
  dueOn: z.string(),
  /** Days past the due date; 0 when not yet due. */
  overdueDays: z.number().int(),
  remindedAt: z.string().nullable(),
  reminderNote: z.string().nullable(),
});
export const AnnualFeeReport = z.object({
  items: z.array(AnnualFeeRow),
  total: z.number().int(),
  totalExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  nextCursor: z.string().nullable(),
  totals: z.object({ count: z.number().int(), annualFee: z.string(), overdueCount: z.number().int(), overdueFee: z.string() }),
});

export const ReminderRequest = z.strictObject({ note: z.string().trim().max(500).optional() });
export const Reminder = z.object({ id: z.string(), purchaseId: z.string(), dueOn: z.string(), note: z.string(), actorName: z.string(), at: z.string() });

export const ArrearsQuery = z.strictObject({
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
  ownerId: IdString.optional(),
  format: ReportFormat.optional(),
});
const Ageing = z.object({ d0to30: z.string(), d31to60: z.string(), d61to90: z.string(), over90: z.string() });
export const ArrearsRow = z.object({
  customerId: z.string(),
  customerName: z.string(),
  ownerName: z.string(),
  totalAmount: z.string(),
  paidAmount: z.string(),
  owedAmount: z.string(),
  oldestUnpaidOn: z.string(),
  ageing: Ageing,
});
const Sums = z.object({ totalAmount: z.string(), paidAmount: z.string(), owedAmount: z.string(), ageing: Ageing });
export const ArrearsReport = z.object({
  items: z.array(ArrearsRow),
  total: z.number().int(),
  totalExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  nextCursor: z.string().nullable(),
  totals: Sums.extend({ customers: z.number().int(), byOwner: z.array(Sums.extend({ ownerId: z.string(), ownerName: z.string(), customers: z.number().int() })) }),
});

export const Charts = z.object({
  arrearsByOwner: z.array(z.object({ ownerName: z.string(), owedAmount: z.string() })),
  arrearsByAgeing: Ageing,
  feesByMonth: z.array(z.object({ month: z.string(), annualFee: z.string(), count: z.number().int() })),
  newCustomersByMonth: z.array(z.object({ month: z.string(), statusName: z.string(), count: z.number().int() })),
  funnel: z.array(z.object({ statusName: z.string(), count: z.number().int() })),
});

export const Dashboard = z.object({
  followUpsDue: z.object({ count: z.number().int(), items: z.array(z.object({ customerId: z.string(), customerName: z.string(), nextFollowUpOn: z.string(), overdueDays: z.number().int() })) }),
  feesDue: z.object({ count: z.number().int(), total: z.string(), items: z.array(AnnualFeeRow) }),
  topArrears: z.object({ owedAmount: z.string(), items: z.array(ArrearsRow) }),
  recentChanges: z.array(z.object({ customerId: z.string(), customerName: z.string(), at: z.string(), actorName: z.string(), entity: z.string(), action: z.string() })),
});
