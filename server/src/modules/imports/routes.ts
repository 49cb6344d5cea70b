import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { IdParams } from '../../../../common/schemas/common.js';
import {
  CommitImportRequest,
  Import,
  ImportList,
  ImportListQuery,
  ImportReportQuery,
  ImportRowList,
  ImportRowQuery,
  JsonUploadRequest,
  UploadedImport,
  ValidateImportRequest,
} from '../../../../common/schemas/imports.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { actorOf } from '../../plugins/session.js';
import { attachment, contentTypes, tableStream } from '../import-export/table-stream.js';
import { commitImport } from './commit/commit-import.js';
import { undoImport } from './commit/undo-import.js';
import { MAX_UPLOAD_BYTES } from './read/spreadsheet.js';
import { uploadImport } from './read/upload.js';
import { listImportRows, reportHeader, reportLine, reportRows } from './report.js';
import { assertMayImport, getImport, listImports } from './service.js';
import { validateImport } from './validate/validate-import.js';

/** The upload as a stream: a multipart file (marked with X-Kehu-Request: 1), or CSV text in JSON. */
async function uploadedFile(request: FastifyRequest): Promise<{ fileName: string; stream: Readable }> {
  if (request.isMultipart()) {
    // CSRF defence: a cross-site form cannot set this header.
    if (request.headers['x-kehu-request'] !== '1') throw new AppError('unsupported_media_type');
    // One byte over the limit reaches the spooler, which answers 413.
    const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 5, fieldSize: 1000 } });
    if (!file || file.fieldname !== 'file') throw new AppError('validation_failed', { fields: { file: { zh: '请选择要上传的文件', en: 'choose a file to upload' } } });
    return { fileName: file.filename || 'upload', stream: file.file };
  }
  const parsed = JsonUploadRequest.safeParse(request.body);
  if (!parsed.success) throw parsed.error;
  return { fileName: parsed.data.fileName, stream: Readable.from([Buffer.from(parsed.data.csv, 'utf8')]) };
}

export async function importRoutes(app: FastifyInstance, ctx: AppContext) {
  // Multipart is parsed only inside this scope: nowhere else does a form body reach a handler.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post('/api/imports', {
      schema: { tags: ['imports'], consumes: ['multipart/form-data', 'application/json'], response: { 201: UploadedImport } },
      handler: async (request, reply) => {
        const actor = actorOf(request);
        // Refused before the body is read (uploadImport checks again).
        assertMayImport(actor);
        const { fileName, stream } = await uploadedFile(request);
        return reply.status(201).send(await uploadImport(ctx, actor, fileName, stream));
      },
    });

    r.get('/api/imports', {
      schema: { tags: ['imports'], querystring: ImportListQuery, response: { 200: ImportList } },
      handler: (request) => listImports(ctx, actorOf(request), request.query.page, request.query.pageSize),
    });

    r.get('/api/imports/:id', {
      schema: { tags: ['imports'], params: IdParams, response: { 200: Import } },
      handler: (request) => getImport(ctx, actorOf(request), Number(request.params.id)),
    });

    r.post('/api/imports/:id/validate', {
      schema: { tags: ['imports'], params: IdParams, body: ValidateImportRequest, response: { 200: Import } },
      handler: (request) => validateImport(ctx, actorOf(request), Number(request.params.id), request.body),
    });

    r.get('/api/imports/:id/rows', {
      schema: { tags: ['imports'], params: IdParams, querystring: ImportRowQuery, response: { 200: ImportRowList } },
      handler: (request) => listImportRows(ctx, actorOf(request), Number(request.params.id), request.query, request.locale),
    });

    r.get('/api/imports/:id/report', {
      schema: { tags: ['imports'], params: IdParams, querystring: ImportReportQuery },
      handler: async (request, reply) => {
        const actor = actorOf(request);
        const id = Number(request.params.id);
        const { format } = request.query;
        const rows = reportRows(ctx, actor, id, request.locale);
        // Read the first batch before answering, so that a refusal is an error, not a broken file.
        const first = await rows.next();
        async function* lines() {
          if (first.done) return;
          yield first.value.map((r) => reportLine(r, request.locale));
          for await (const batch of rows) yield batch.map((r) => reportLine(r, request.locale));
        }
        const name = `${request.locale === 'en-US' ? 'import-report' : '导入报告'}-${id}.${format}`;
        return reply
          .header('Content-Type', contentTypes[format])
          .header('Content-Disposition', attachment(name, format))
          .header('Cache-Control', 'no-store')
          .send(tableStream(format, request.locale === 'en-US' ? 'Report' : '导入报告', reportHeader(request.locale), lines()));
      },
    });

    r.post('/api/imports/:id/commit', {
      schema: { tags: ['imports'], params: IdParams, body: CommitImportRequest, response: { 202: Import } },
      handler: async (request, reply) => {
        const log = (err: unknown) => request.log.error({ err, importId: request.params.id }, 'import commit failed');
        return reply.status(202).send(await commitImport(ctx, actorOf(request), Number(request.params.id), request.body, log));
      },
    });

    r.post('/api/imports/:id/undo', {
      schema: { tags: ['imports'], params: IdParams, response: { 200: Import } },
      handler: (request) => undoImport(ctx, actorOf(request), Number(request.params.id)),
    });
  });
}
