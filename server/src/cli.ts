import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { Password, SetupRequest } from '../../common/schemas/auth.js';
import { loadConfig } from './config.js';
import { createDb } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { backupSqlite, restoreSqlite } from './lib/backup.js';
import { systemClock } from './lib/clock.js';
import type { AppContext } from './context.js';
import { systemActor } from './policy/actor.js';
import { findUserIdByUsername, insertUserRecord, resetPassword } from './modules/users/service.js';

// Operator commands: `npm run kehu -- <command>`. They act as the systemActor and are audited.

const usage = `Usage: npm run kehu -- <command>

  start                       migrate and serve Kehu (what npm start runs)
  migrate                     bring the database schema up to date
  create-admin                create an administrator (asks for the details; or pass
                              --username NAME --name DISPLAY --password-stdin)
  reset-password <username>   set a new password for a user (asks for it; or --password-stdin)
  backup <file>               online backup of the SQLite database to <file>
  restore <file>              put a backup in place of the SQLite database (stop Kehu first)

Configuration comes from the environment (DATABASE_URL, …; see README).`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readAll(): Promise<string> {
  let data = '';
  for await (const chunk of stdin) data += String(chunk);
  return data.replace(/\r?\n$/, '');
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: stdin, output: stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = createDb(config.databaseUrl, { walRestartBytes: config.walRestartBytes });
  try {
    await migrateToLatest(database.db);
    return await fn({ config, database, clock: systemClock, dummyPasswordHash: '' });
  } finally {
    await database.close();
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

export async function runCli(args: string[]): Promise<boolean> {
  const [command, ...rest] = args;
  switch (command) {
    case 'migrate': {
      await withContext(async (ctx) => {
        const applied = await migrateToLatest(ctx.database.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : `Already up to date (${ctx.database.describe}).`);
      });
      return true;
    }
    case 'create-admin': {
      const usePipe = rest.includes('--password-stdin');
      const username = flag(rest, '--username') ?? (await ask('Username: '));
      const displayName = flag(rest, '--name') ?? (await ask('Display name: '));
      const password = usePipe ? await readAll() : await ask('Password (at least 8 characters): ');
      const parsed = SetupRequest.safeParse({ username, displayName, password });
      if (!parsed.success) fail(`Invalid input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      await withContext(async (ctx) => {
        const id = await ctx.database.db
          .transaction()
          .execute((trx) => insertUserRecord(trx, ctx, systemActor, { ...parsed.data, role: 'admin' }));
        console.log(`Administrator "${parsed.data.username}" created (id ${id}).`);
      });
      return true;
    }
    case 'reset-password': {
      const username = rest[0];
      if (!username || username.startsWith('--')) fail('Usage: npm run kehu -- reset-password <username>');
      const password = rest.includes('--password-stdin') ? await readAll() : await ask('New password (at least 8 characters): ');
      if (!Password.safeParse(password).success) fail('The password needs at least 8 characters.');
      await withContext(async (ctx) => {
        const user = await findUserIdByUsername(ctx, username);
        if (!user) fail(`No user named "${username}".`);
        await resetPassword(ctx, systemActor, user.id, password);
        console.log(`Password of "${username}" reset; their sessions have ended.`);
      });
      return true;
    }
    case 'backup': {
      const file = rest[0];
      if (!file) fail('Usage: npm run kehu -- backup <file>');
      const config = loadConfig();
      if (!config.databaseUrl.startsWith('sqlite:')) {
        fail('backup works on the embedded SQLite database. For PostgreSQL use its own tools, e.g. pg_dump -Fc.');
      }
      await backupSqlite(config.databaseUrl, file);
      console.log(`Backed up ${config.databaseUrl} to ${file}.`);
      return true;
    }
    case 'restore': {
      const file = rest[0];
      if (!file) fail('Usage: npm run kehu -- restore <file>');
      const config = loadConfig();
      if (!config.databaseUrl.startsWith('sqlite:')) {
        fail('restore works on the embedded SQLite database. For PostgreSQL use its own tools, e.g. pg_restore -d kehu kehu.dump.');
      }
      const kept = await restoreSqlite(config.databaseUrl, file);
      // Bring a backup from an older version up to date.
      await withContext(async (ctx) => migrateToLatest(ctx.database.db));
      console.log(`Restored ${file}.${kept ? ` The previous database was kept as ${kept}.` : ''}`);
      return true;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return true;
    default:
      if (command && command !== 'start') fail(`Unknown command "${command}".\n\n${usage}`);
      return false;
  }
}
