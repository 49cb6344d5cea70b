import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditList, AuditQuery } from '../../../../common/schemas/audit.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import { browseAudit } from './service.js';

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditList } },
    handler: (request) => browseAudit(ctx, actorOf(request), request.query),
  });
}
