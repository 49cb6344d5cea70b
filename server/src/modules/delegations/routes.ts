import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery } from '../../../../common/schemas/common.js';
import {
  CreateDelegationRequest,
  Delegation,
  DelegationCreated,
  DelegationList,
  DelegationQuery,
  RevokeAllRequest,
  RevokeAllResult,
} from '../../../../common/schemas/delegations.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

/** A customer's grants fit on one page; the paging fields are checked like any list's. */
const CustomerDelegationsQuery = z.strictObject({ page: PageQuery.page, pageSize: PageQuery.pageSize });

export async function delegationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/delegations', {
    schema: { tags: ['delegations'], body: CreateDelegationRequest, response: { 201: DelegationCreated } },
    handler: async (request, reply) => reply.status(201).send(await service.grant(ctx, actorOf(request), request.body)),
  });
  r.get('/api/delegations', {
    schema: { tags: ['delegations'], querystring: DelegationQuery, response: { 200: DelegationList } },
    handler: (request) => service.listDelegations(ctx, actorOf(request), request.query),
  });
  r.post('/api/delegations/:id/revoke', {
    schema: { tags: ['delegations'], params: IdParams, response: { 200: Delegation } },
    handler: (request) => service.revoke(ctx, actorOf(request), Number(request.params.id)),
  });
  r.post('/api/delegations/revoke-all', {
    schema: { tags: ['delegations'], body: RevokeAllRequest, response: { 200: RevokeAllResult } },
    handler: (request) => service.revokeAll(ctx, actorOf(request), request.body),
  });
  r.get('/api/customers/:id/delegations', {
    schema: { tags: ['delegations'], params: IdParams, querystring: CustomerDelegationsQuery, response: { 200: DelegationList } },
    handler: (request) => service.customerDelegations(ctx, actorOf(request), Number(request.params.id)),
  });
}
