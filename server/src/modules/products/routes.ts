import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateProductRequest, Product, ProductList, ProductQuery, UpdateProductRequest } from '../../../../common/schemas/products.js';
import { IdParams } from '../../../../common/schemas/common.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/session.js';
import * as service from './service.js';

export async function productRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/products', {
    schema: { tags: ['products'], querystring: ProductQuery, response: { 200: ProductList } },
    handler: (request) => service.listProducts(ctx, request.query),
  });
  r.post('/api/products', {
    schema: { tags: ['products'], body: CreateProductRequest, response: { 201: Product } },
    handler: async (request, reply) => reply.status(201).send(await service.createProduct(ctx, actorOf(request), request.body)),
  });
  r.get('/api/products/:id', {
    schema: { tags: ['products'], params: IdParams, response: { 200: Product } },
    handler: (request) => service.getProduct(ctx, Number(request.params.id)),
  });
  r.patch('/api/products/:id', {
    schema: { tags: ['products'], params: IdParams, body: UpdateProductRequest, response: { 200: Product } },
    handler: (request) => service.updateProduct(ctx, actorOf(request), Number(request.params.id), request.body),
  });
  r.delete('/api/products/:id', {
    schema: { tags: ['products'], params: IdParams },
    handler: async (request, reply) => {
      await service.deleteProduct(ctx, actorOf(request), Number(request.params.id));
      return reply.status(204).send();
    },
  });
}
