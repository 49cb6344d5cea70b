import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateSupplierRequest, Supplier, SupplierList, SupplierQuery, UpdateSupplierRequest } from '../../../../common/schemas/suppliers.js';
import { IdParams } from '../../../../common/schemas/common.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

export async function supplierRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/suppliers', {
    schema: { tags: ['suppliers'], querystring: SupplierQuery, response: { 200: SupplierList } },
    handler: (request) => service.listSuppliers(ctx, request.query),
  });
  r.post('/api/suppliers', {
    schema: { tags: ['suppliers'], body: CreateSupplierRequest, response: { 201: Supplier } },
    handler: async (request, reply) => reply.status(201).send(await service.createSupplier(ctx, actorOf(request), request.body)),
  });
  r.get('/api/suppliers/:id', {
    schema: { tags: ['suppliers'], params: IdParams, response: { 200: Supplier } },
    handler: (request) => service.getSupplier(ctx, Number(request.params.id)),
  });
  r.patch('/api/suppliers/:id', {
    schema: { tags: ['suppliers'], params: IdParams, body: UpdateSupplierRequest, response: { 200: Supplier } },
    handler: (request) => service.updateSupplier(ctx, actorOf(request), Number(request.params.id), request.body),
  });
  r.delete('/api/suppliers/:id', {
    schema: { tags: ['suppliers'], params: IdParams },
    handler: async (request, reply) => {
      await service.deleteSupplier(ctx, actorOf(request), Number(request.params.id));
      return reply.status(204).send();
    },
  });
}
