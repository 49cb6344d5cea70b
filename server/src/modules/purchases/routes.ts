import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChildListQuery, IdParams } from '../../../../common/schemas/common.js';
import {
  AnnualFeePayment,
  AnnualFeePaymentList,
  CreateAnnualFeePaymentRequest,
  CreatePaymentRequest,
  CreatePurchaseRequest,
  Payment,
  PaymentList,
  PaymentParams,
  Purchase,
  PurchaseList,
  PurchaseParams,
  UpdateAnnualFeePaymentRequest,
  UpdatePaymentRequest,
  UpdatePurchaseRequest,
} from '../../../../common/schemas/purchases.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as fees from './annual-fees.js';
import * as payments from './payments.js';
import * as service from './service.js';

const P = '/api/customers/:id/purchases';

export async function purchaseRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const two = (p: { id: string; pid: string }) => [Number(p.id), Number(p.pid)] as const;
  const three = (p: { id: string; pid: string; childId: string }) => [Number(p.id), Number(p.pid), Number(p.childId)] as const;

  r.get(P, {
    schema: { tags: ['purchases'], params: IdParams, querystring: ChildListQuery, response: { 200: PurchaseList } },
    handler: (q) => service.listPurchases(ctx, actorOf(q), Number(q.params.id), q.query.page, q.query.pageSize),
  });
  r.post(P, {
    schema: { tags: ['purchases'], params: IdParams, body: CreatePurchaseRequest, response: { 201: Purchase } },
    handler: async (q, reply) => reply.status(201).send(await service.createPurchase(ctx, actorOf(q), Number(q.params.id), q.body)),
  });
  r.get(`${P}/:pid`, {
    schema: { tags: ['purchases'], params: PurchaseParams, response: { 200: Purchase } },
    handler: (q) => service.getPurchase(ctx, actorOf(q), ...two(q.params)),
  });
  r.patch(`${P}/:pid`, {
    schema: { tags: ['purchases'], params: PurchaseParams, body: UpdatePurchaseRequest, response: { 200: Purchase } },
    handler: (q) => service.updatePurchase(ctx, actorOf(q), ...two(q.params), q.body),
  });
  r.delete(`${P}/:pid`, {
    schema: { tags: ['purchases'], params: PurchaseParams },
    handler: async (q, reply) => {
      await service.deletePurchase(ctx, actorOf(q), ...two(q.params));
      return reply.status(204).send();
    },
  });

  r.get(`${P}/:pid/payments`, {
    schema: { tags: ['purchases'], params: PurchaseParams, querystring: ChildListQuery, response: { 200: PaymentList } },
    handler: (q) => payments.listPayments(ctx, actorOf(q), ...two(q.params), q.query.page, q.query.pageSize),
  });
  r.post(`${P}/:pid/payments`, {
    schema: { tags: ['purchases'], params: PurchaseParams, body: CreatePaymentRequest, response: { 201: Payment } },
    handler: async (q, reply) => reply.status(201).send(await payments.createPayment(ctx, actorOf(q), ...two(q.params), q.body)),
  });
  r.get(`${P}/:pid/payments/:childId`, {
    schema: { tags: ['purchases'], params: PaymentParams, response: { 200: Payment } },
    handler: (q) => payments.getPayment(ctx, actorOf(q), ...three(q.params)),
  });
  r.patch(`${P}/:pid/payments/:childId`, {
    schema: { tags: ['purchases'], params: PaymentParams, body: UpdatePaymentRequest, response: { 200: Payment } },
    handler: (q) => payments.updatePayment(ctx, actorOf(q), ...three(q.params), q.body),
  });
  r.delete(`${P}/:pid/payments/:childId`, {
    schema: { tags: ['purchases'], params: PaymentParams },
    handler: async (q, reply) => {
      await payments.deletePayment(ctx, actorOf(q), ...three(q.params));
      return reply.status(204).send();
    },
  });

  r.get(`${P}/:pid/annual-fee-payments`, {
    schema: { tags: ['purchases'], params: PurchaseParams, querystring: ChildListQuery, response: { 200: AnnualFeePaymentList } },
    handler: (q) => fees.listFeePayments(ctx, actorOf(q), ...two(q.params), q.query.page, q.query.pageSize),
  });
  r.post(`${P}/:pid/annual-fee-payments`, {
    schema: { tags: ['purchases'], params: PurchaseParams, body: CreateAnnualFeePaymentRequest, response: { 201: AnnualFeePayment } },
    handler: async (q, reply) => reply.status(201).send(await fees.payAnnualFee(ctx, actorOf(q), ...two(q.params), q.body)),
  });
  r.get(`${P}/:pid/annual-fee-payments/:childId`, {
    schema: { tags: ['purchases'], params: PaymentParams, response: { 200: AnnualFeePayment } },
    handler: (q) => fees.getFeePayment(ctx, actorOf(q), ...three(q.params)),
  });
  r.patch(`${P}/:pid/annual-fee-payments/:childId`, {
    schema: { tags: ['purchases'], params: PaymentParams, body: UpdateAnnualFeePaymentRequest, response: { 200: AnnualFeePayment } },
    handler: (q) => fees.updateFeePayment(ctx, actorOf(q), ...three(q.params), q.body),
  });
  r.delete(`${P}/:pid/annual-fee-payments/:childId`, {
    schema: { tags: ['purchases'], params: PaymentParams },
    handler: async (q, reply) => {
      await fees.deleteFeePayment(ctx, actorOf(q), ...three(q.params));
      return reply.status(204).send();
    },
  });
}
