import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, ZodError } from 'zod';
import { errorCatalog, errorMessage, type ErrorCode, type Locale } from '../../../common/errors.js';
import { validationMessages } from '../../../common/validation.js';
import { AppError } from '../lib/app-error.js';

// One error handler: every refusal leaves here as { error: { code, message, details } } with
// the status of its code (common/errors.ts) and the message in the request's language. Unknown
// errors are logged with request context and answered as a generic 500 that reveals nothing.

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() };

type Issue = ZodError['issues'][number];

function issueMessage(issue: Issue, locale: Locale): string {
  const custom = validationMessages[issue.message as keyof typeof validationMessages];
  if (custom) return locale === 'en-US' ? custom.en : custom.zh;
  const localized = zodLocales[locale].localeError(issue as never);
  const text = typeof localized === 'string' ? localized : localized?.message;
  return text ?? issue.message;
}

/** details.fields: field path → message; the root of the body is "" */
export function fieldsOf(error: ZodError, locale: Locale): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      // Mass assignment is refused field by field: { "role": "unknown field" }.
      for (const key of issue.keys) fields[path ? `${path}.${key}` : key] = locale === 'en-US' ? 'unknown field' : '不允许的字段';
      continue;
    }
    fields[path] ??= issueMessage(issue, locale);
  }
  return fields;
}

function localizeDetails(details: Record<string, unknown> | undefined, locale: Locale) {
  if (!details) return undefined;
  const out: Record<string, unknown> = { ...details };
  const fields = details.fields as Record<string, { zh: string; en: string } | string> | undefined;
  if (fields) {
    out.fields = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : locale === 'en-US' ? v.en : v.zh]),
    );
  }
  return out;
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  locale: Locale,
  details?: Record<string, unknown>,
  message?: string,
) {
  const body: { error: { code: string; message: string; details?: Record<string, unknown> } } = {
    error: { code, message: message ?? errorMessage(code, locale) },
  };
  if (details) body.error.details = details;
  return reply.status(errorCatalog[code].status).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own client errors (parsing, media type, size) in the contract's codes. */
function fastifyClientCode(err: FastifyError): ErrorCode | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'malformed_request';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'malformed_request';
    default:
      break;
  }
  if (err instanceof SyntaxError || err.statusCode === 400) return 'malformed_request';
  if (err.statusCode === 413) return 'payload_too_large';
  if (err.statusCode === 415) return 'unsupported_media_type';
  if (err.statusCode === 404) return 'not_found';
  if (err.statusCode === 429) return 'rate_limited';
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'malformed_request';
  return null;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale;
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return sendError(reply, err.code, locale, localizeDetails(err.details, locale));
    }
    if (err instanceof ZodError) {
      return sendError(reply, 'validation_failed', locale, { fields: fieldsOf(err, locale) });
    }
    const code = fastifyClientCode(err);
    if (code) return sendError(reply, code, locale);
    request.log.error({ err, url: request.url, method: request.method, actorId: request.actor?.id }, 'request failed');
    return sendError(reply, 'internal_error', locale);
  });
}
