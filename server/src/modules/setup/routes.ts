import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LoginResponse, SetupRequest, SetupStatus } from '../../../../common/schemas/auth.js';
import type { AppContext } from '../../context.js';
import { setSessionCookie } from '../../plugins/session.js';
import { clientOf } from '../auth/routes.js';
import { startSession } from '../auth/service.js';
import { runSetup, setupNeeded } from './service.js';

export async function setupRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/setup', {
    config: { isPublic: true },
    schema: { tags: ['setup'], response: { 200: SetupStatus } },
    handler: async () => ({ needed: await setupNeeded(ctx) }),
  });

  r.post('/api/setup', {
    config: { isPublic: true },
    schema: { tags: ['setup'], body: SetupRequest, response: { 201: LoginResponse } },
    handler: async (request, reply) => {
      const id = await runSetup(ctx, request.body);
      // The new administrator is logged in straight away.
      const token = await startSession(ctx, id, clientOf(request));
      setSessionCookie(reply, ctx, token);
      const { username, displayName } = request.body;
      return reply.status(201).send({ user: { id: String(id), username, displayName, role: 'admin' as const } });
    },
  });
}
