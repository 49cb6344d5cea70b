import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChildListQuery, IdParams } from '../../../../common/schemas/common.js';
import {
  CreateServiceRequest,
  DeskItem,
  DeskParams,
  DeskQuery,
  DeskUpdateRequest,
  ServiceParams,
  ServiceRequest,
  ServiceRequestList,
  UpdateServiceRequest,
} from '../../../../common/schemas/service-requests.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

export async function serviceRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const P = '/api/customers/:id/service-requests';
  r.get(P, {
    schema: { tags: ['service-requests'], params: IdParams, querystring: ChildListQuery, response: { 200: ServiceRequestList } },
    handler: (q) => service.listForCustomer(ctx, actorOf(q), Number(q.params.id), q.query.page, q.query.pageSize),
  });
  r.post(P, {
    schema: { tags: ['service-requests'], params: IdParams, body: CreateServiceRequest, response: { 201: ServiceRequest } },
    handler: async (q, reply) => reply.status(201).send(await service.createRequest(ctx, actorOf(q), Number(q.params.id), q.body)),
  });
  r.get(`${P}/:srid`, {
    schema: { tags: ['service-requests'], params: ServiceParams, response: { 200: ServiceRequest } },
    handler: (q) => service.getForCustomer(ctx, actorOf(q), Number(q.params.id), Number(q.params.srid)),
  });
  r.patch(`${P}/:srid`, {
    schema: { tags: ['service-requests'], params: ServiceParams, body: UpdateServiceRequest, response: { 200: ServiceRequest } },
    handler: (q) => service.updateForCustomer(ctx, actorOf(q), Number(q.params.id), Number(q.params.srid), q.body),
  });
  r.delete(`${P}/:srid`, {
    schema: { tags: ['service-requests'], params: ServiceParams },
    handler: async (q, reply) => {
      await service.deleteForCustomer(ctx, actorOf(q), Number(q.params.id), Number(q.params.srid));
      return reply.status(204).send();
    },
  });

  r.get('/api/service-desk', {
    schema: { tags: ['service-requests'], querystring: DeskQuery, response: { 200: ServiceRequestList } },
    handler: (q) => service.listDesk(ctx, actorOf(q), q.query),
  });
  r.get('/api/service-desk/:srid', {
    schema: { tags: ['service-requests'], params: DeskParams, response: { 200: DeskItem } },
    handler: (q) => service.getDeskItem(ctx, actorOf(q), Number(q.params.srid)),
  });
  r.patch('/api/service-desk/:srid', {
    schema: { tags: ['service-requests'], params: DeskParams, body: DeskUpdateRequest, response: { 200: DeskItem } },
    handler: (q) => service.updateOnDesk(ctx, actorOf(q), Number(q.params.srid), q.body),
  });
}
