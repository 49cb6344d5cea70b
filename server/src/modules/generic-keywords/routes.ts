import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AddGenericKeywordRequest, GenericKeyword, GenericKeywordList, GenericKeywordParams } from '../../../../common/schemas/customers.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

export async function genericKeywordRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/generic-keywords', {
    schema: { tags: ['customers'], response: { 200: GenericKeywordList } },
    handler: () => service.listGenericKeywords(ctx),
  });
  r.post('/api/generic-keywords', {
    schema: { tags: ['customers'], body: AddGenericKeywordRequest, response: { 201: GenericKeyword } },
    handler: async (request, reply) => reply.status(201).send(await service.addGenericKeyword(ctx, actorOf(request), request.body.word)),
  });
  r.delete('/api/generic-keywords/:word', {
    schema: { tags: ['customers'], params: GenericKeywordParams },
    handler: async (request, reply) => {
      await service.removeGenericKeyword(ctx, actorOf(request), request.params.word);
      return reply.status(204).send();
    },
  });
}
