import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChildParams, IdParams } from '../../../../common/schemas/common.js';
import {
  ActivityList,
  ActivityQuery,
  CreateFollowUpRequest,
  DueFollowUpList,
  DueQuery,
  FollowUp,
  UpdateFollowUpRequest,
} from '../../../../common/schemas/activities.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

// `/activities` lists the timeline (log + follow-ups); its writable children are follow-ups —
// log entries are written by the system only.
export async function activityRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/customers/:id/activities', {
    schema: { tags: ['activities'], params: IdParams, querystring: ActivityQuery, response: { 200: ActivityList } },
    handler: (request) => service.listActivities(ctx, actorOf(request), Number(request.params.id), request.query),
  });
  r.post('/api/customers/:id/activities', {
    schema: { tags: ['activities'], params: IdParams, body: CreateFollowUpRequest, response: { 201: FollowUp } },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createFollowUp(ctx, actorOf(request), Number(request.params.id), request.body)),
  });
  r.get('/api/customers/:id/activities/:childId', {
    schema: { tags: ['activities'], params: ChildParams, response: { 200: FollowUp } },
    handler: (request) => service.getFollowUp(ctx, actorOf(request), Number(request.params.id), Number(request.params.childId)),
  });
  r.patch('/api/customers/:id/activities/:childId', {
    schema: { tags: ['activities'], params: ChildParams, body: UpdateFollowUpRequest, response: { 200: FollowUp } },
    handler: (request) =>
      service.updateFollowUp(ctx, actorOf(request), Number(request.params.id), Number(request.params.childId), request.body),
  });
  r.delete('/api/customers/:id/activities/:childId', {
    schema: { tags: ['activities'], params: ChildParams },
    handler: async (request, reply) => {
      await service.deleteFollowUp(ctx, actorOf(request), Number(request.params.id), Number(request.params.childId));
      return reply.status(204).send();
    },
  });
  r.get('/api/followups/due', {
    schema: { tags: ['activities'], querystring: DueQuery, response: { 200: DueFollowUpList } },
    handler: (request) =>
      service.listDueFollowUps(ctx, actorOf(request), request.query.withinDays, request.query.page, request.query.pageSize),
  });
}
