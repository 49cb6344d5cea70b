import {
  createAnnualFeePayment,
  createContact,
  createCustomer,
  createDelegation,
  createFollowUp,
  createPayment,
  createProduct,
  createPurchase,
  createQuote,
  createServiceRequest,
  createStatus,
  createSupplier,
} from '../factories.js';
import { type Session, type TestApp, type TestUser } from '../harness.js';

// The records the matrix's requests act on, made per row, lazily, by the admin or the owner;
// each carries the canary where a leak of it into another actor's answer would show.

export const CANARY = 'CANARY-7f3e9b';

export class Fixtures {
  private cache = new Map<string, Promise<unknown>>();
  constructor(
    private readonly t: TestApp,
    readonly owner: Session,
  ) {}

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as Promise<T>;
  }

  /** A fresh staff member the row may read or change. */
  target(): Promise<TestUser> {
    return this.once('target', () => this.t.createUser('staff'));
  }

  statusId(): Promise<string> {
    return this.once('statusId', async () => (await this.t.get('/api/customer-statuses', this.owner)).body[0].id);
  }

  /** The owner's customer, with the canary in every field but its name. */
  customer(): Promise<{ id: string; version: number; keyword: string }> {
    return this.once('customer', async () => {
      const c = await createCustomer(this.t, this.owner, { statusId: await this.statusId(), notes: CANARY, address: CANARY, website: CANARY });
      return { id: c.id, version: c.version, keyword: c.keyword };
    });
  }

  /** Another customer of the owner, with a contact, to be merged into customer(). */
  mergeSource(): Promise<string> {
    return this.once('mergeSource', async () => {
      const { id } = await createCustomer(this.t, this.owner, { statusId: await this.statusId(), industry: CANARY, phone: '0755-8800' });
      await createContact(this.t, this.owner, id, { mobile: '13900000000', notes: CANARY });
      return id;
    });
  }

  deletedCustomer(): Promise<string> {
    return this.once('deleted', async () => {
      const { id } = await createCustomer(this.t, this.owner, { statusId: await this.statusId() });
      await this.t.delete(`/api/customers/${id}`, this.owner);
      return id;
    });
  }

  unusedStatus(): Promise<string> {
    return this.once('status', async () => (await createStatus(this.t)).id);
  }

  genericWord(): Promise<string> {
    return this.once('word', async () => (await this.t.asAdmin('POST', '/api/generic-keywords', { word: this.t.unique('词') })).body.word);
  }

  contact(): Promise<{ customerId: string; id: string }> {
    return this.once('contact', async () => {
      const { id } = await this.customer();
      return { customerId: id, id: (await createContact(this.t, this.owner, id, { mobile: '13800000000', notes: CANARY })).id };
    });
  }

  followUp(): Promise<{ customerId: string; id: string }> {
    return this.once('followup', async () => {
      const { id } = await this.customer();
      return { customerId: id, id: (await createFollowUp(this.t, this.owner, id, { occurredOn: '2026-11-20', content: CANARY, nextFollowUpOn: '2026-11-25' })).id };
    });
  }

  /** A grant of the owner's customer to the receiver. */
  grant(): Promise<string> {
    return this.once('grant', async () => {
      const { id } = await this.customer();
      return (await createDelegation(this.t, this.owner, [id], (await this.receiver()).id))[0]!.id;
    });
  }

  supplier(): Promise<string> {
    return this.once('supplier', async () => (await createSupplier(this.t)).id);
  }

  product(): Promise<string> {
    return this.once('product', async () => (await createProduct(this.t, { name: '矩阵商品', price: '100.00', annualFee: '10.00' })).id);
  }

  /** An accepted quote of the owner's customer. */
  quote(): Promise<{ customerId: string; id: string }> {
    return this.once('quote', async () => {
      const { id } = await this.customer();
      const quote = await createQuote(this.t, this.owner, id, { quotedOn: '2026-11-20', status: 'accepted', notes: CANARY, lines: [{ productId: await this.product(), quantity: 1 }] });
      return { customerId: id, id: quote.id };
    });
  }

  purchase(): Promise<{ customerId: string; id: string }> {
    return this.once('purchase', async () => {
      const { id } = await this.customer();
      const purchase = await createPurchase(this.t, this.owner, id, { productId: await this.product(), quantity: 2, purchasedOn: '2026-11-01', notes: CANARY });
      return { customerId: id, id: purchase.id };
    });
  }

  payment(): Promise<{ base: string; id: string }> {
    return this.once('payment', async () => {
      const p = await this.purchase();
      const base = `/api/customers/${p.customerId}/purchases/${p.id}`;
      return { base, id: (await createPayment(this.t, this.owner, p, { amount: '50.00', paidOn: '2026-11-20', notes: CANARY })).id };
    });
  }

  feePayment(): Promise<{ base: string; id: string }> {
    return this.once('feePayment', async () => {
      const p = await this.purchase();
      const base = `/api/customers/${p.customerId}/purchases/${p.id}`;
      return { base, id: (await createAnnualFeePayment(this.t, this.owner, p, { paidOn: '2026-11-20', notes: CANARY })).id };
    });
  }

  /** A staff member to whom the row's service request is assigned. */
  engineer(): Promise<TestUser> {
    return this.once('engineer', () => this.t.createUser('staff'));
  }

  serviceRequest(): Promise<{ customerId: string; id: string }> {
    return this.once('serviceRequest', async () => {
      const { id } = await this.customer();
      const request = await createServiceRequest(this.t, this.owner, id, { title: '报修', description: CANARY, assigneeId: (await this.engineer()).id });
      return { customerId: id, id: request.id };
    });
  }

  /** Another salesperson to receive customers. */
  receiver(): Promise<TestUser> {
    return this.once('receiver', () => this.t.createUser('sales'));
  }
}

