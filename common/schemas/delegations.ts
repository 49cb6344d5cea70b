import { z } from 'zod';
import { DateString, IdString, PageQuery, pageOf } from './common.js';

// Delegation (授权, zone 8): an owner lends customers to another salesperson for a while.

export const CreateDelegationRequest = z
  .strictObject({
    customerIds: z.array(IdString).min(1).max(10_000).optional(),
    /** Grant every customer the owner has (the owner is the caller, or `ownerId` for the admin). */
    all: z.literal(true).optional(),
    ownerId: IdString.optional(),
    toUserId: IdString,
    endsOn: DateString.nullable().optional(),
  })
  .refine((v) => (v.customerIds ? !v.all : v.all), { message: 'required', path: ['customerIds'] });

export const delegationStates = ['active', 'revoked', 'lapsed', 'transferred', 'user_disabled'] as const;

export const Delegation = z.object({
  id: z.string(),
  /** Null on a received grant that is no longer active: only the name remains visible. */
  customerId: z.string().nullable(),
  /** The customer's name now while the grant is active; once it has ended, its name at the end. */
  customerName: z.string(),
  fromUserId: z.string(),
  fromUserName: z.string(),
  toUserId: z.string(),
  toUserName: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  grantedAt: z.string(),
  grantedByName: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedByName: z.string().nullable(),
  state: z.enum(delegationStates),
});
export type Delegation = z.infer<typeof Delegation>;
export const DelegationCreated = z.object({ items: z.array(Delegation) });
export const DelegationList = pageOf(Delegation);
export const DelegationQuery = z.strictObject({
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
  direction: z.enum(['given', 'received']).optional(),
  state: z.enum(['active', 'ended']).optional(),
});
export const RevokeAllRequest = z.strictObject({ toUserId: IdString, fromUserId: IdString.optional() });
export const RevokeAllResult = z.object({ revoked: z.number().int() });

/** An active grant as shown on the customer: to whom and until when. */
export const ActiveGrant = z.object({ delegationId: z.string(), userId: z.string(), displayName: z.string(), endsOn: z.string().nullable() });
