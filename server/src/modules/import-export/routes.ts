import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CustomerListQuery } from '../../../../common/schemas/customers.js';
import type { AppContext } from '../../context.js';
import { businessDate } from '../../lib/clock.js';
import { actorOf } from '../../plugins/session.js';
import { customersCsv, customersXlsx, exportFileName } from './export-customers.js';

const ExportQuery = CustomerListQuery.omit({ page: true, pageSize: true, cursor: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function importExportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/customers/export', {
    schema: { tags: ['customers'], querystring: ExportQuery },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const actor = actorOf(request);
      const name = exportFileName(format, request.locale, businessDate(ctx.clock.now(), ctx.config.timeZone));
      const stream = format === 'csv' ? customersCsv(ctx, actor, query, request.locale) : customersXlsx(ctx, actor, query, request.locale);
      return reply
        .header('Content-Type', contentTypes[format])
        .header('Content-Disposition', `attachment; filename="${format === 'csv' ? 'customers.csv' : 'customers.xlsx'}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('Cache-Control', 'no-store')
        .send(stream);
    },
  });
}
