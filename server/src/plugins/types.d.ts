import type { Locale } from '../../../common/errors.js';
import type { Actor } from '../policy/actor.js';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
    sessionId: number | null;
  }
  interface FastifyContextConfig {
    /** Routes are authenticated unless they say so. */
    isPublic?: boolean;
  }
}
