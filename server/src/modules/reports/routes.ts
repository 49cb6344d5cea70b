import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PurchaseParams } from '../../../../common/schemas/purchases.js';
import {
  AnnualFeeQuery,
  AnnualFeeReport,
  ArrearsQuery,
  ArrearsReport,
  Charts,
  Dashboard,
  Reminder,
  ReminderRequest,
} from '../../../../common/schemas/reports.js';
import type { AppContext } from '../../context.js';
import { businessDate } from '../../lib/clock.js';
import { actorOf } from '../../plugins/session.js';
import { attachment, contentTypes, tableStream } from '../import-export/table-stream.js';
import * as service from './service.js';

const feeHeader = { zh: ['客户名称', '业务员', '商品', '年费', '到期日', '逾期天数', '已催缴', '催缴备注'], en: ['Customer', 'Owner', 'Product', 'Annual fee', 'Due on', 'Days overdue', 'Reminded', 'Reminder note'] };
const arrearsHeader = {
  zh: ['客户名称', '业务员', '总金额', '已付', '欠款', '最早未付日期', '0–30 天', '31–60 天', '61–90 天', '90 天以上'],
  en: ['Customer', 'Owner', 'Total', 'Paid', 'Owed', 'Oldest unpaid', '0–30 days', '31–60 days', '61–90 days', 'Over 90 days'],
};

// `format=csv|xlsx` answers a streamed file instead of JSON; a stream bypasses the JSON response
// schema, which types only the JSON answer — hence the casts below.
type Streamed = never;

export async function reportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const stamp = () => businessDate(ctx.clock.now(), ctx.config.timeZone);

  r.get('/api/reports/annual-fees', {
    schema: { tags: ['reports'], querystring: AnnualFeeQuery, response: { 200: AnnualFeeReport } },
    handler: async (request, reply) => {
      const { format } = request.query;
      if (format === 'csv' || format === 'xlsx') {
        const en = request.locale === 'en-US';
        const name = `${en ? 'annual-fees' : '年费催缴'}-${stamp()}.${format}`;
        return reply
          .header('Content-Type', contentTypes[format])
          .header('Content-Disposition', attachment(name, format))
          .send(tableStream(format, en ? 'Annual fees' : '年费催缴', en ? feeHeader.en : feeHeader.zh, service.annualFeeRows(ctx, actorOf(request), request.query, request.locale)) as Streamed);
      }
      return service.annualFeeReport(ctx, actorOf(request), request.query);
    },
  });

  r.get('/api/reports/arrears', {
    schema: { tags: ['reports'], querystring: ArrearsQuery, response: { 200: ArrearsReport } },
    handler: async (request, reply) => {
      const { format } = request.query;
      if (format === 'csv' || format === 'xlsx') {
        const en = request.locale === 'en-US';
        const name = `${en ? 'arrears' : '欠款统计'}-${stamp()}.${format}`;
        return reply
          .header('Content-Type', contentTypes[format])
          .header('Content-Disposition', attachment(name, format))
          .send(tableStream(format, en ? 'Arrears' : '欠款统计', en ? arrearsHeader.en : arrearsHeader.zh, service.arrearsRows(ctx, actorOf(request), request.query)) as Streamed);
      }
      return service.arrearsReport(ctx, actorOf(request), request.query);
    },
  });

  r.get('/api/reports/charts', {
    schema: { tags: ['reports'], response: { 200: Charts } },
    handler: (request) => service.charts(ctx, actorOf(request)),
  });

  r.get('/api/dashboard', {
    schema: { tags: ['reports'], response: { 200: Dashboard } },
    handler: (request) => service.dashboard(ctx, actorOf(request)),
  });

  r.post('/api/customers/:id/purchases/:pid/reminders', {
    schema: { tags: ['reports'], params: PurchaseParams, body: ReminderRequest.optional(), response: { 201: Reminder } },
    handler: async (request, reply) =>
      reply.status(201).send(await service.remind(ctx, actorOf(request), Number(request.params.id), Number(request.params.pid), request.body?.note ?? '')),
  });
}
