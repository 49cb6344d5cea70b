import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../../common/schemas/common.js';
import {
  CreateUserRequest,
  ResetPasswordRequest,
  UpdateUserRequest,
  User,
  UserList,
  UserListQuery,
} from '../../../../common/schemas/users.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

export async function userRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/users', {
    schema: { tags: ['users'], querystring: UserListQuery, response: { 200: UserList } },
    handler: (request) => service.listUsers(ctx, actorOf(request), request.query),
  });

  r.post('/api/users', {
    schema: { tags: ['users'], body: CreateUserRequest, response: { 201: User } },
    handler: async (request, reply) => reply.status(201).send(await service.createUser(ctx, actorOf(request), request.body)),
  });

  r.get('/api/users/:id', {
    schema: { tags: ['users'], params: IdParams, response: { 200: User } },
    handler: (request) => service.getUser(ctx, actorOf(request), Number(request.params.id)),
  });

  r.patch('/api/users/:id', {
    schema: { tags: ['users'], params: IdParams, body: UpdateUserRequest, response: { 200: User } },
    handler: (request) => service.updateUser(ctx, actorOf(request), Number(request.params.id), request.body),
  });

  r.post('/api/users/:id/password', {
    schema: { tags: ['users'], params: IdParams, body: ResetPasswordRequest },
    handler: async (request, reply) => {
      await service.resetPassword(ctx, actorOf(request), Number(request.params.id), request.body.password);
      return reply.status(204).send();
    },
  });
}
