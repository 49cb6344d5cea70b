import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.js';

/** Where `npm run build` puts the web app. */
export const defaultWebDist = join(import.meta.dirname, '..', '..', '..', 'dist', 'web');

// Serves the built web app and falls back to index.html for the app's own routes; anything
// under /api/ that matched no route is a JSON 404.
export async function registerWeb(app: FastifyInstance, webDist: string) {
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      maxAge: '1y',
      immutable: true,
      // The build writes .br and .gz beside each asset (web/precompress.ts); sent as they are.
      preCompressed: true,
      // Hashed assets are immutable; everything else (index.html, favicon) is revalidated.
      setHeaders: (res, path) => {
        if (!path.includes(`${join('/', 'assets', '/')}`)) res.header('Cache-Control', 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || request.method !== 'GET') {
      return sendError(reply, 'not_found', request.locale);
    }
    if (!hasWeb) {
      return reply.type('text/plain; charset=utf-8').send('Kehu API is running. Build the web app with `npm run build`.');
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
