import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

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
