import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ServiceRequestsTable } from '../../db/schema.js';
import { visibleServiceRequest, type CustomerScope } from '../../policy/scope.js';
import type { VisibleCustomer } from '../../policy/visible-customer.js';

function withNames(db: Kysely<DB>) {
  return db
    .selectFrom('service_requests')
    .innerJoin('customers', 'customers.id', 'service_requests.customer_id')
    .leftJoin('users as assignee', 'assignee.id', 'service_requests.assignee_id')
    .leftJoin('purchases', 'purchases.id', 'service_requests.purchase_id')
    .leftJoin('products', 'products.id', 'purchases.product_id')
    .leftJoin('contacts', 'contacts.id', 'service_requests.contact_id')
    .selectAll('service_requests')
    .select([
      'customers.name as customer_name',
      'assignee.display_name as assignee_name',
      'products.name as product_name',
      'contacts.name as contact_name',
    ]);
}
export type RequestRow = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

/** Requests of one customer seen through the customer's own visibility. */
export async function listForCustomer(db: Kysely<DB>, scope: CustomerScope, customerId: number, limit: number, offset: number) {
  return withNames(db)
    .where('service_requests.customer_id', '=', customerId)
    .where('service_requests.customer_id', 'in', scope.customerIds(customerId))
    .orderBy('service_requests.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countForCustomer(db: Kysely<DB>, scope: CustomerScope, customerId: number) {
  const row = await db
    .selectFrom('service_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', customerId)
    .where('customer_id', 'in', scope.customerIds(customerId))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findForCustomer(db: Kysely<DB>, scope: CustomerScope, customerId: number, id: number) {
  return withNames(db)
    .where('service_requests.id', '=', id)
    .where('service_requests.customer_id', '=', customerId)
    .where('service_requests.customer_id', 'in', scope.customerIds(customerId))
    .executeTakeFirst();
}

/** A request through the service desk: visible by the customer or by being its assignee. */
export async function findOnDesk(db: Kysely<DB>, scope: CustomerScope, id: number) {
  return withNames(db).where('service_requests.id', '=', id).where(visibleServiceRequest(db, scope)).executeTakeFirst();
}

export interface DeskFilter {
  statuses?: string[] | undefined;
  priority?: string | undefined;
  assigneeId?: number | undefined;
  noProgressSince?: string | undefined;
}

function desk(db: Kysely<DB>, scope: CustomerScope, f: DeskFilter) {
  let q = withNames(db).where(visibleServiceRequest(db, scope));
  if (f.statuses) q = q.where('service_requests.status', 'in', f.statuses as ServiceRequestsTable['status'][]);
  if (f.priority) q = q.where('service_requests.priority', '=', f.priority as ServiceRequestsTable['priority']);
  if (f.assigneeId !== undefined) q = q.where('service_requests.assignee_id', '=', f.assigneeId);
  if (f.noProgressSince) q = q.where('service_requests.last_progress_at', '<', f.noProgressSince);
  return q;
}

export async function listDesk(db: Kysely<DB>, scope: CustomerScope, f: DeskFilter, limit: number, offset: number) {
  return desk(db, scope, f).orderBy('service_requests.last_progress_at').orderBy('service_requests.id').limit(limit).offset(offset).execute();
}

export async function countDesk(db: Kysely<DB>, scope: CustomerScope, f: DeskFilter) {
  const row = await desk(db, scope, f).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function contactsOf(db: Kysely<DB>, customerId: number) {
  return db
    .selectFrom('contacts')
    .select(['id', 'name', 'title', 'mobile', 'phone', 'email', 'wechat', 'is_primary'])
    .where('customer_id', '=', customerId)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute();
}

export async function insertRequest(db: Kysely<DB>, customer: VisibleCustomer, row: Omit<Insertable<ServiceRequestsTable>, 'customer_id'>) {
  return Number((await db.insertInto('service_requests').values({ ...row, customer_id: customer.id }).returning('id').executeTakeFirstOrThrow()).id);
}

export async function updateRequest(db: Kysely<DB>, customer: VisibleCustomer, id: number, version: number, changes: Updateable<ServiceRequestsTable>) {
  const r = await db
    .updateTable('service_requests')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('customer_id', '=', customer.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteRequest(db: Kysely<DB>, customer: VisibleCustomer, id: number) {
  await db.deleteFrom('service_requests').where('id', '=', id).where('customer_id', '=', customer.id).execute();
}

export async function purchaseOfCustomer(db: Kysely<DB>, customerId: number, purchaseId: number) {
  return db.selectFrom('purchases').select('id').where('id', '=', purchaseId).where('customer_id', '=', customerId).executeTakeFirst();
}

export async function contactOfCustomer(db: Kysely<DB>, customerId: number, contactId: number) {
  return db.selectFrom('contacts').select('id').where('id', '=', contactId).where('customer_id', '=', customerId).executeTakeFirst();
}

export async function activeUser(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}
