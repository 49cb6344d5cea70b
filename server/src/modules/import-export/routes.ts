import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CustomerListQuery } from '../../../../common/schemas/customers.js';
import type { AppContext } from '../../context.js';
import { businessDate } from '../../lib/clock.js';
import { actorOf } from '../../plugins/session.js';
import { customersFile, exportFileName } from './export-customers.js';
import { attachment, contentTypes } from './table-stream.js';

const ExportQuery = CustomerListQuery.omit({ page: true, pageSize: true, cursor: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export async function importExportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/customers/export', {
    schema: { tags: ['customers'], querystring: ExportQuery },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const name = exportFileName(format, request.locale, businessDate(ctx.clock.now(), ctx.config.timeZone));
      return reply
        .header('Content-Type', contentTypes[format])
        .header('Content-Disposition', attachment(name, format))
        .header('Cache-Control', 'no-store')
        .send(customersFile(ctx, actorOf(request), query, request.locale, format));
    },
  });
}
