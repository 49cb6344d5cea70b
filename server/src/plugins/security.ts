import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.js';

// Security headers with a strict CSP: scripts only from our own origin, never inline. antd
// writes its styles at run time, which needs inline styles (not scripts).
export async function registerSecurityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * CSRF defence (API.md): state-changing bodies must be JSON. Fastify already refuses media
 * types it has no parser for with 415; we remove its text/plain parser so that a cross-site
 * form or `fetch(..., {mode: 'no-cors'})` cannot reach a handler.
 */
export function restrictBodiesToJson(app: FastifyInstance) {
  app.removeContentTypeParser('text/plain');
}

function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findNul(v, path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findNul(v, path ? `${path}.${k}` : k);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * NUL characters are refused in every query and JSON body: PostgreSQL cannot store them in text
 * (it would fail deep inside a query), and no honest input contains one.
 */
export function refuseNulCharacters(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const field = findNul(request.query, '') ?? findNul(request.body, '') ?? findNul(request.params, '');
    if (field !== null) {
      throw new AppError('validation_failed', { fields: { [field]: { zh: '不能包含 NUL 字符', en: 'must not contain a NUL character' } } });
    }
  });
}
