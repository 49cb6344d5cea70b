import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { businessDate, type Clock } from './lib/clock.js';

/** What services need from the outside world; passed explicitly, never hung off Fastify. */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  /** A hash of a random password, checked when the username is unknown so timing is equal. */
  dummyPasswordHash: string;
}

/** Today's business date in the configured time zone, never the server's. */
export function today(ctx: AppContext): string {
  return businessDate(ctx.clock.now(), ctx.config.timeZone);
}
