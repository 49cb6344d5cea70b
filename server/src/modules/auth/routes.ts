import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiTokenList, ChangePasswordRequest, CreatedToken, CreateTokenRequest, LoginRequest, LoginResponse, Me } from '../../../../common/schemas/auth.js';
import { IdParams } from '../../../../common/schemas/common.js';
import { createToken, listTokens, revokeToken } from './tokens.js';
import type { AppContext } from '../../context.js';
import { actorOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../plugins/session.js';
import { changeOwnPassword, login, logout, type ClientInfo } from './service.js';

export function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
}

export async function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', {
    config: { isPublic: true },
    schema: { tags: ['auth'], body: LoginRequest, response: { 200: LoginResponse } },
    handler: async (request, reply) => {
      const { token, user } = await login(ctx, request.body, clientOf(request), request.cookies[SESSION_COOKIE]);
      setSessionCookie(reply, ctx, token);
      return { user };
    },
  });

  r.post('/api/auth/logout', {
    config: { isPublic: true },
    schema: { tags: ['auth'] },
    handler: async (request, reply) => {
      await logout(ctx, request.cookies[SESSION_COOKIE]);
      clearSessionCookie(reply, ctx);
      return reply.status(204).send();
    },
  });

  r.get('/api/auth/me', {
    schema: { tags: ['auth'], response: { 200: Me } },
    handler: async (request) => {
      const actor = actorOf(request);
      return { id: String(actor.id), username: actor.username, displayName: actor.displayName, role: actor.role };
    },
  });

  r.post('/api/auth/password', {
    schema: { tags: ['auth'], body: ChangePasswordRequest },
    handler: async (request, reply) => {
      await changeOwnPassword(ctx, actorOf(request), request.sessionId, request.body, clientOf(request));
      return reply.status(204).send();
    },
  });

  r.get('/api/auth/tokens', {
    schema: { tags: ['auth'], response: { 200: ApiTokenList } },
    handler: (request) => listTokens(ctx, actorOf(request)),
  });

  r.post('/api/auth/tokens', {
    schema: { tags: ['auth'], body: CreateTokenRequest, response: { 201: CreatedToken } },
    handler: async (request, reply) => reply.status(201).send(await createToken(ctx, actorOf(request), request.body)),
  });

  r.delete('/api/auth/tokens/:id', {
    schema: { tags: ['auth'], params: IdParams },
    handler: async (request, reply) => {
      await revokeToken(ctx, actorOf(request), Number(request.params.id));
      return reply.status(204).send();
    },
  });
}
