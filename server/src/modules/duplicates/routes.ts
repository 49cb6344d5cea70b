import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../common/schemas/common.js';
import { Customer } from '../../../../common/schemas/customers.js';
import {
  DuplicateGroupList,
  DuplicateGroupsQuery,
  DuplicateQuery,
  DuplicateResult,
  MergePreview,
  MergePreviewQuery,
  MergeRequest,
} from '../../../../common/schemas/duplicates.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import { listDuplicateGroups } from './groups.js';
import { mergeCustomers, previewMerge } from './merge.js';
import { checkDuplicates } from './service.js';

export async function duplicateRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/customers/duplicates', {
    schema: { tags: ['customers'], querystring: DuplicateQuery, response: { 200: DuplicateResult } },
    handler: async (request) => ({ matches: await checkDuplicates(ctx, actorOf(request), request.query) }),
  });

  r.get('/api/customers/duplicate-groups', {
    schema: { tags: ['customers'], querystring: DuplicateGroupsQuery, response: { 200: DuplicateGroupList } },
    handler: (request) => listDuplicateGroups(ctx, actorOf(request), request.query.page ?? 1, request.query.pageSize ?? 20),
  });

  r.get('/api/customers/:id/merge-preview', {
    schema: { tags: ['customers'], params: IdParams, querystring: MergePreviewQuery, response: { 200: MergePreview } },
    handler: (request) => previewMerge(ctx, actorOf(request), Number(request.params.id), Number(request.query.sourceId)),
  });

  r.post('/api/customers/:id/merge', {
    schema: { tags: ['customers'], params: IdParams, body: MergeRequest, response: { 200: Customer } },
    handler: (request) => mergeCustomers(ctx, actorOf(request), Number(request.params.id), request.body),
  });
}
