import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChildParams, IdParams, PageQuery } from '../../../../common/schemas/common.js';
import { Contact, ContactList, CreateContactRequest, UpdateContactRequest } from '../../../../common/schemas/contacts.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

const ListQuery = z.strictObject({ page: PageQuery.page, pageSize: PageQuery.pageSize });

export async function contactRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/customers/:id/contacts', {
    schema: { tags: ['contacts'], params: IdParams, querystring: ListQuery, response: { 200: ContactList } },
    handler: (request) => service.listContacts(ctx, actorOf(request), Number(request.params.id), request.query.page, request.query.pageSize),
  });
  r.post('/api/customers/:id/contacts', {
    schema: { tags: ['contacts'], params: IdParams, body: CreateContactRequest, response: { 201: Contact } },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createContact(ctx, actorOf(request), Number(request.params.id), request.body)),
  });
  r.get('/api/customers/:id/contacts/:childId', {
    schema: { tags: ['contacts'], params: ChildParams, response: { 200: Contact } },
    handler: (request) => service.getContact(ctx, actorOf(request), Number(request.params.id), Number(request.params.childId)),
  });
  r.patch('/api/customers/:id/contacts/:childId', {
    schema: { tags: ['contacts'], params: ChildParams, body: UpdateContactRequest, response: { 200: Contact } },
    handler: (request) =>
      service.updateContact(ctx, actorOf(request), Number(request.params.id), Number(request.params.childId), request.body),
  });
  r.delete('/api/customers/:id/contacts/:childId', {
    schema: { tags: ['contacts'], params: ChildParams },
    handler: async (request, reply) => {
      await service.deleteContact(ctx, actorOf(request), Number(request.params.id), Number(request.params.childId));
      return reply.status(204).send();
    },
  });
}
