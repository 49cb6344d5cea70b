import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { localeFrom } from '../lib/locale.js';
import { AppError } from '../lib/app-error.js';
import type { Actor } from '../policy/actor.js';
import { authenticateBearer, authenticateSession } from '../modules/auth/service.js';

export const SESSION_COOKIE = 'kehu_session';

// Every request gets its locale and, when it carries a valid session, its actor. Routes are
// authenticated by default: only those marked `config: { isPublic: true }` admit anonymous callers.
// Authentication is decided on arrival, before the body is read, parsed or validated: an
// anonymous caller learns nothing from a route but 401, not even the shape of its input.
export function registerSession(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRequest', async (request) => {
    request.locale = localeFrom(request.headers['accept-language']);
    if (request.url.startsWith('/api/')) await identify(ctx, request);
    requireSession(request);
  });
}

/** The actor of the request's bearer token or session cookie, if valid. */
async function identify(ctx: AppContext, request: FastifyRequest) {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) {
    request.actor = await authenticateBearer(ctx, bearer, request.ip);
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const found = await authenticateSession(ctx, token);
  if (found) {
    request.actor = found.actor;
    request.sessionId = found.sessionId;
  }
}

/**
 * The web app's files and its index.html fallback are public; every API route is not, unless
 * marked. Decided by the matched route pattern, not the raw URL, so no spelling of a path slips by.
 */
function requireSession(request: FastifyRequest) {
  if (request.actor || request.routeOptions.config?.isPublic) return;
  if ((request.routeOptions.url ?? '').startsWith('/api/')) throw new AppError('unauthenticated');
}

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    maxAge: Math.floor(ctx.config.sessionAbsoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: AppContext) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies });
}

/** The authenticated actor of a route that is not public (the onRequest hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}
