import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChildListQuery, IdParams } from '../../../../common/schemas/common.js';
import {
  CreateQuoteRequest,
  Quote,
  QuoteList,
  QuoteParams,
  QuoteToPurchaseResult,
  ToPurchasesRequest,
  UpdateQuoteRequest,
} from '../../../../common/schemas/quotes.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

export async function quoteRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ids = (p: { id: string; qid: string }) => [Number(p.id), Number(p.qid)] as const;
  r.get('/api/customers/:id/quotes', {
    schema: { tags: ['quotes'], params: IdParams, querystring: ChildListQuery, response: { 200: QuoteList } },
    handler: (q) => service.listQuotes(ctx, actorOf(q), Number(q.params.id), q.query.page, q.query.pageSize),
  });
  r.post('/api/customers/:id/quotes', {
    schema: { tags: ['quotes'], params: IdParams, body: CreateQuoteRequest, response: { 201: Quote } },
    handler: async (q, reply) => reply.status(201).send(await service.createQuote(ctx, actorOf(q), Number(q.params.id), q.body)),
  });
  r.get('/api/customers/:id/quotes/:qid', {
    schema: { tags: ['quotes'], params: QuoteParams, response: { 200: Quote } },
    handler: (q) => service.getQuote(ctx, actorOf(q), ...ids(q.params)),
  });
  r.patch('/api/customers/:id/quotes/:qid', {
    schema: { tags: ['quotes'], params: QuoteParams, body: UpdateQuoteRequest, response: { 200: Quote } },
    handler: (q) => service.updateQuote(ctx, actorOf(q), ...ids(q.params), q.body),
  });
  r.delete('/api/customers/:id/quotes/:qid', {
    schema: { tags: ['quotes'], params: QuoteParams },
    handler: async (q, reply) => {
      await service.deleteQuote(ctx, actorOf(q), ...ids(q.params));
      return reply.status(204).send();
    },
  });
  r.post('/api/customers/:id/quotes/:qid/purchase', {
    schema: { tags: ['quotes'], params: QuoteParams, body: ToPurchasesRequest.optional(), response: { 201: QuoteToPurchaseResult } },
    handler: async (q, reply) => reply.status(201).send(await service.quoteToPurchases(ctx, actorOf(q), ...ids(q.params), q.body?.purchasedOn)),
  });
}
