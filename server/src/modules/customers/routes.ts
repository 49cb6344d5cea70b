import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery } from '../../../../common/schemas/common.js';
import {
  CreateCustomerRequest,
  Customer,
  CustomerList,
  CustomerListQuery,
  TransferRequest,
  TransferResult,
  UpdateCustomerRequest,
} from '../../../../common/schemas/customers.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import { listRecycleBin, restoreCustomer } from './recycle-bin.js';
import * as service from './service.js';
import { transferCustomers } from './transfer.js';

const RecycleBinQuery = z.strictObject({ page: PageQuery.page, pageSize: PageQuery.pageSize });

export async function customerRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/customers', {
    schema: { tags: ['customers'], querystring: CustomerListQuery, response: { 200: CustomerList } },
    handler: (request) => service.listCustomers(ctx, actorOf(request), request.query),
  });

  r.post('/api/customers', {
    schema: { tags: ['customers'], body: CreateCustomerRequest, response: { 201: Customer } },
    handler: async (request, reply) => reply.status(201).send(await service.createCustomer(ctx, actorOf(request), request.body)),
  });

  r.get('/api/customers/recycle-bin', {
    schema: { tags: ['customers'], querystring: RecycleBinQuery, response: { 200: CustomerList } },
    handler: (request) => listRecycleBin(ctx, actorOf(request), request.query.page, request.query.pageSize),
  });

  r.get('/api/customers/:id', {
    schema: { tags: ['customers'], params: IdParams, response: { 200: Customer } },
    handler: (request) => service.getCustomer(ctx, actorOf(request), Number(request.params.id)),
  });

  r.patch('/api/customers/:id', {
    schema: { tags: ['customers'], params: IdParams, body: UpdateCustomerRequest, response: { 200: Customer } },
    handler: (request) => service.updateCustomer(ctx, actorOf(request), Number(request.params.id), request.body),
  });

  r.delete('/api/customers/:id', {
    schema: { tags: ['customers'], params: IdParams },
    handler: async (request, reply) => {
      await service.deleteCustomer(ctx, actorOf(request), Number(request.params.id));
      return reply.status(204).send();
    },
  });

  r.post('/api/customers/:id/restore', {
    schema: { tags: ['customers'], params: IdParams },
    handler: async (request, reply) => {
      await restoreCustomer(ctx, actorOf(request), Number(request.params.id));
      return reply.status(204).send();
    },
  });

  r.post('/api/users/:id/transfer-customers', {
    schema: { tags: ['users'], params: IdParams, body: TransferRequest, response: { 200: TransferResult } },
    handler: (request) => transferCustomers(ctx, actorOf(request), Number(request.params.id), request.body),
  });
}
