import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../common/schemas/common.js';
import { CreateStatusRequest, CustomerStatus, CustomerStatusList, UpdateStatusRequest } from '../../../../common/schemas/customers.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

export async function statusRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/customer-statuses', {
    schema: { tags: ['customers'], response: { 200: CustomerStatusList } },
    handler: (request) => service.listStatusesWithCounts(ctx, actorOf(request)),
  });
  r.post('/api/customer-statuses', {
    schema: { tags: ['customers'], body: CreateStatusRequest, response: { 201: CustomerStatus } },
    handler: async (request, reply) => reply.status(201).send(await service.createStatus(ctx, actorOf(request), request.body.name)),
  });
  r.patch('/api/customer-statuses/:id', {
    schema: { tags: ['customers'], params: IdParams, body: UpdateStatusRequest, response: { 200: CustomerStatus } },
    handler: (request) => service.updateStatus(ctx, actorOf(request), Number(request.params.id), request.body),
  });
  r.delete('/api/customer-statuses/:id', {
    schema: { tags: ['customers'], params: IdParams },
    handler: async (request, reply) => {
      await service.deleteStatus(ctx, actorOf(request), Number(request.params.id));
      return reply.status(204).send();
    },
  });
}
