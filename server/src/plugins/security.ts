import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.js';
import { hasLoneSurrogate } from '../lib/well-formed.js';

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
 * CSRF defence: state-changing bodies must be JSON. Fastify already refuses media
 * types it has no parser for with 415; we remove its text/plain parser so that a cross-site
 * form or `fetch(..., {mode: 'no-cors'})` cannot reach a handler.
 */
export function restrictBodiesToJson(app: FastifyInstance) {
  app.removeContentTypeParser('text/plain');
}

type TextProblem = 'nul' | 'surrogate';

function problemOf(text: string): TextProblem | null {
  if (text.includes('\u0000')) return 'nul';
  return hasLoneSurrogate(text) ? 'surrogate' : null;
}

/** The first string (by its path) that no database can store as sent, and why. */
function findBadText(value: unknown, path: string): { path: string; problem: TextProblem } | null {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem ? { path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findBadText(v, path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findBadText(v, path ? `${path}.${k}` : k);
      if (found !== null) return found;
    }
  }
  return null;
}

const problemText = {
  nul: { zh: '不能包含 NUL 字符', en: 'must not contain a NUL character' },
  surrogate: { zh: '包含无效字符（不成对的 UTF-16 代理项）', en: 'contains an invalid character (an unpaired UTF-16 surrogate)' },
} as const;

/**
 * Text no database stores as sent is refused in every query and JSON body. PostgreSQL cannot
 * store a NUL in text (it would fail deep inside a query), and no honest input contains one. An
 * unpaired surrogate (JSON allows "\ud800") is no character at all: PostgreSQL's driver would
 * store U+FFFD in its place and SQLite's invalid UTF-8, so the same request would save different
 * text on each database.
 */
export function refuseUnstorableText(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const bad = findBadText(request.query, '') ?? findBadText(request.body, '') ?? findBadText(request.params, '');
    if (bad !== null) throw new AppError('validation_failed', { fields: { [bad.path]: problemText[bad.problem] } });
  });
}
