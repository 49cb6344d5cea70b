import type { z } from 'zod';
import type { FollowUp, CreateFollowUpRequest } from '../../common/schemas/activities.js';
import type { Contact, CreateContactRequest } from '../../common/schemas/contacts.js';
import type { CreateCustomerRequest, CreateStatusRequest, Customer, CustomerStatus } from '../../common/schemas/customers.js';
import type { CreateDelegationRequest, Delegation } from '../../common/schemas/delegations.js';
import type { CreateProductRequest, Product } from '../../common/schemas/products.js';
import type { AnnualFeePayment, CreateAnnualFeePaymentRequest, CreatePaymentRequest, CreatePurchaseRequest, Payment, Purchase } from '../../common/schemas/purchases.js';
import type { CreateQuoteRequest, Quote } from '../../common/schemas/quotes.js';
import type { CreateServiceRequest, ServiceRequest } from '../../common/schemas/service-requests.js';
import type { CreateSupplierRequest, Supplier } from '../../common/schemas/suppliers.js';
import type { Reply, Session, TestApp } from './harness.js';

// Test data made through the real HTTP API, with unique defaults, so that a test spells out only
// what it is about. Each throws unless the API answers 201: setup that fails is not a result.
// Users and sessions come from the harness itself (t.createUser, t.sessionFor).

type Input<T extends z.ZodType> = Partial<z.input<T>>;

function created<T>(res: Reply, what: string): T {
  if (res.status !== 201) throw new Error(`creating ${what} failed: ${res.status} ${res.text}`);
  return res.body as T;
}

/** The first customer status in display order, as the given user lists them. */
export async function firstStatusId(t: TestApp, as: Session): Promise<string> {
  return (await t.get('/api/customer-statuses', as)).body[0].id;
}

/** A customer of `as` (or of `ownerId`, when the admin creates it); the name is the keyword + 有限公司. */
export async function createCustomer(t: TestApp, as: Session, overrides: Input<typeof CreateCustomerRequest> = {}): Promise<z.infer<typeof Customer>> {
  const keyword = overrides.keyword ?? t.unique('客户');
  const statusId = overrides.statusId ?? (await firstStatusId(t, as));
  return created(await t.post('/api/customers', { name: `${keyword}有限公司`, ...overrides, keyword, statusId }, as), 'customer');
}

export async function createStatus(t: TestApp, overrides: Input<typeof CreateStatusRequest> = {}): Promise<z.infer<typeof CustomerStatus>> {
  return created(await t.asAdmin('POST', '/api/customer-statuses', { name: t.unique('状态'), ...overrides }), 'status');
}

export async function createContact(t: TestApp, as: Session, customerId: string, overrides: Input<typeof CreateContactRequest> = {}): Promise<z.infer<typeof Contact>> {
  return created(await t.post(`/api/customers/${customerId}/contacts`, { name: '联系人', ...overrides }, as), 'contact');
}

export async function createFollowUp(t: TestApp, as: Session, customerId: string, overrides: Input<typeof CreateFollowUpRequest> = {}): Promise<z.infer<typeof FollowUp>> {
  return created(await t.post(`/api/customers/${customerId}/activities`, { occurredOn: '2026-11-20', content: '电话回访', ...overrides }, as), 'follow-up');
}

/** Grants the customers of `as` to the user `toUserId`; answers the grants, one per customer. */
export async function createDelegation(t: TestApp, as: Session, customerIds: string[], toUserId: string, overrides: Input<typeof CreateDelegationRequest> = {}): Promise<z.infer<typeof Delegation>[]> {
  return created<{ items: z.infer<typeof Delegation>[] }>(await t.post('/api/delegations', { customerIds, toUserId, ...overrides }, as), 'delegation').items;
}

/** A supplier, made by the admin. */
export async function createSupplier(t: TestApp, overrides: Input<typeof CreateSupplierRequest> = {}): Promise<z.infer<typeof Supplier>> {
  return created(await t.asAdmin('POST', '/api/suppliers', { name: t.unique('供应商'), ...overrides }), 'supplier');
}

/** A product, made by the admin: 100.00 a piece and no annual fee unless told. */
export async function createProduct(t: TestApp, overrides: Input<typeof CreateProductRequest> = {}): Promise<z.infer<typeof Product>> {
  return created(await t.asAdmin('POST', '/api/products', { code: t.unique('P'), name: '测试商品', price: '100.00', ...overrides }), 'product');
}

export async function createQuote(
  t: TestApp,
  as: Session,
  customerId: string,
  body: Input<typeof CreateQuoteRequest> & Pick<z.input<typeof CreateQuoteRequest>, 'lines'>,
): Promise<z.infer<typeof Quote>> {
  return created(await t.post(`/api/customers/${customerId}/quotes`, { quotedOn: '2026-11-20', ...body }, as), 'quote');
}

/** One piece of the product, bought on 1 November 2026 unless told. */
export async function createPurchase(
  t: TestApp,
  as: Session,
  customerId: string,
  body: Input<typeof CreatePurchaseRequest> & Pick<z.input<typeof CreatePurchaseRequest>, 'productId'>,
): Promise<z.infer<typeof Purchase>> {
  return created(await t.post(`/api/customers/${customerId}/purchases`, { quantity: 1, purchasedOn: '2026-11-01', ...body }, as), 'purchase');
}

export async function createPayment(
  t: TestApp,
  as: Session,
  purchase: { customerId: string; id: string },
  body: Input<typeof CreatePaymentRequest> & Pick<z.input<typeof CreatePaymentRequest>, 'amount'>,
): Promise<z.infer<typeof Payment>> {
  return created(await t.post(`/api/customers/${purchase.customerId}/purchases/${purchase.id}/payments`, { paidOn: '2026-11-20', ...body }, as), 'payment');
}

export async function createAnnualFeePayment(
  t: TestApp,
  as: Session,
  purchase: { customerId: string; id: string },
  body: Input<typeof CreateAnnualFeePaymentRequest> = {},
): Promise<z.infer<typeof AnnualFeePayment>> {
  return created(await t.post(`/api/customers/${purchase.customerId}/purchases/${purchase.id}/annual-fee-payments`, { paidOn: '2026-11-27', ...body }, as), 'annual-fee payment');
}

export async function createServiceRequest(t: TestApp, as: Session, customerId: string, overrides: Input<typeof CreateServiceRequest> = {}): Promise<z.infer<typeof ServiceRequest>> {
  return created(await t.post(`/api/customers/${customerId}/service-requests`, { title: t.unique('报修'), ...overrides }, as), 'service request');
}
