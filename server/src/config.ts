import { z } from 'zod';
import { WAL_RESTART_MIB } from './db/checkpointer.js';

// Every setting comes from the environment, parsed once here. Defaults are production values
// (the scrypt cost, login throttling, session lengths); tests lower the password cost and
// throttle thresholds through the same fields.
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().default('sqlite:./data/kehu.db'),
  KEHU_TIMEZONE: z.string().default('Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** scrypt cost parameter N (a power of two). 2^17 in production. */
  KEHU_SCRYPT_N: z.coerce.number().int().min(2).default(2 ** 17),
  KEHU_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(8 * 60),
  KEHU_SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).default(30),
  /** Failed logins allowed per username (and per IP) inside the window before delays start. */
  KEHU_LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().min(1).default(5),
  KEHU_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  KEHU_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  /** First delay once throttled; doubles per further failure up to the maximum. */
  KEHU_LOGIN_DELAY_SECONDS: z.coerce.number().int().min(1).default(2),
  KEHU_LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Live duplicate checks one user may run per minute (they must not enumerate customers). */
  KEHU_DUPLICATE_CHECKS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  KEHU_DUPLICATE_CHECKS_PER_DAY: z.coerce.number().int().min(1).default(1000),
  /** Set when Kehu is served over https (behind a proxy), so cookies get the Secure flag. */
  KEHU_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  KEHU_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  KEHU_WEB_DIST: z.string().optional(),
  /** SQLite: WAL size past which the checkpoint worker restarts the WAL (db/checkpointer.ts). */
  KEHU_WAL_RESTART_MIB: z.coerce.number().int().min(1).default(WAL_RESTART_MIB),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  timeZone: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  scryptN: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  login: {
    maxFailuresPerUser: number;
    maxFailuresPerIp: number;
    windowMs: number;
    delayMs: number;
    maxDelayMs: number;
  };
  /** A salesperson's duplicate budget (live checks, 409 answers, import rows with matches). */
  duplicateChecksPerMinute: number;
  duplicateChecksPerDay: number;
  secureCookies: boolean;
  trustProxy: boolean;
  webDist?: string;
  walRestartBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.KEHU_SCRYPT_N & (e.KEHU_SCRYPT_N - 1)) !== 0) {
    throw new Error('Invalid configuration: KEHU_SCRYPT_N must be a power of two');
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.KEHU_TIMEZONE });
  } catch {
    throw new Error(`Invalid configuration: unknown time zone KEHU_TIMEZONE=${e.KEHU_TIMEZONE}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    timeZone: e.KEHU_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    scryptN: e.KEHU_SCRYPT_N,
    sessionIdleMs: e.KEHU_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.KEHU_SESSION_ABSOLUTE_DAYS * 86_400_000,
    login: {
      maxFailuresPerUser: e.KEHU_LOGIN_MAX_FAILURES_PER_USER,
      maxFailuresPerIp: e.KEHU_LOGIN_MAX_FAILURES_PER_IP,
      windowMs: e.KEHU_LOGIN_WINDOW_SECONDS * 1000,
      delayMs: e.KEHU_LOGIN_DELAY_SECONDS * 1000,
      maxDelayMs: e.KEHU_LOGIN_MAX_DELAY_SECONDS * 1000,
    },
    duplicateChecksPerMinute: e.KEHU_DUPLICATE_CHECKS_PER_MINUTE,
    duplicateChecksPerDay: e.KEHU_DUPLICATE_CHECKS_PER_DAY,
    secureCookies: e.KEHU_SECURE_COOKIES === 'true',
    trustProxy: e.KEHU_TRUST_PROXY === 'true',
    webDist: e.KEHU_WEB_DIST,
    walRestartBytes: e.KEHU_WAL_RESTART_MIB * 1024 * 1024,
  };
}
