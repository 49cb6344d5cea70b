import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Database } from './db/database.js';
import { systemClock, type Clock } from './lib/clock.js';
import { hashPassword } from './lib/passwords.js';
import { activityRoutes } from './modules/activities/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { contactRoutes } from './modules/contacts/routes.js';
import { customerRoutes } from './modules/customers/routes.js';
import { duplicateRoutes } from './modules/duplicates/routes.js';
import { delegationRoutes } from './modules/delegations/routes.js';
import { genericKeywordRoutes } from './modules/generic-keywords/routes.js';
import { importExportRoutes } from './modules/import-export/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { statusRoutes } from './modules/statuses/routes.js';
import { productRoutes } from './modules/products/routes.js';
import { purchaseRoutes } from './modules/purchases/routes.js';
import { quoteRoutes } from './modules/quotes/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { serviceRoutes } from './modules/service-requests/routes.js';
import { setupRoutes } from './modules/setup/routes.js';
import { supplierRoutes } from './modules/suppliers/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerJsonBodyParser } from './plugins/json-body.js';
import { registerOpenApi } from './plugins/openapi.js';
import { refuseUnstorableText, registerSecurityHeaders, restrictBodiesToJson } from './plugins/security.js';
import { registerSession } from './plugins/session.js';
import { defaultWebDist, registerWeb } from './plugins/web.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
}

/** 1 MiB is plenty for any JSON this API takes; uploads get their own limit. */
const BODY_LIMIT = 1024 * 1024;

/** Registers plugins, then modules. Never listens: main.ts and the tests decide that. */
export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Every API route registered (method + URL pattern), for the authorization matrix. */
  apiRoutes: { method: string; url: string }[];
}

export async function buildApp(options: BuildOptions): Promise<BuiltApp> {
  const { config, database } = options;
  const ctx: AppContext = {
    config,
    database,
    clock: options.clock ?? systemClock,
    dummyPasswordHash: await hashPassword(`dummy-${Math.random()}`, config.scryptN),
  };

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  // Requests are validated with zod directly, keeping the raw issues so the error handler can
  // word them in the caller's language.
  app.setValidatorCompiler<ZodType>(({ schema }) => (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  });
  app.setSerializerCompiler(serializerCompiler);

  const apiRoutes: BuiltApp['apiRoutes'] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url });
    }
  });

  restrictBodiesToJson(app);
  registerJsonBodyParser(app);
  refuseUnstorableText(app);
  await app.register(cookie);
  await registerSecurityHeaders(app);
  await registerOpenApi(app);
  registerSession(app, ctx);
  registerErrorHandling(app);

  await app.register(async (api) => {
    await setupRoutes(api, ctx);
    await authRoutes(api, ctx);
    await userRoutes(api, ctx);
    await auditRoutes(api, ctx);
    await statusRoutes(api, ctx);
    await duplicateRoutes(api, ctx);
    await customerRoutes(api, ctx);
    await genericKeywordRoutes(api, ctx);
    await contactRoutes(api, ctx);
    await activityRoutes(api, ctx);
    await importExportRoutes(api, ctx);
    await importRoutes(api, ctx);
    await delegationRoutes(api, ctx);
    await supplierRoutes(api, ctx);
    await productRoutes(api, ctx);
    await quoteRoutes(api, ctx);
    await purchaseRoutes(api, ctx);
    await reportRoutes(api, ctx);
    await serviceRoutes(api, ctx);
  });

  await registerWeb(app, config.webDist ?? defaultWebDist);
  return { app, ctx, apiRoutes };
}
