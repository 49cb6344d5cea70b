import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.js';
import { runCli } from './cli.js';
import { loadConfig } from './config.js';
import { createDb } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { defaultWebDist } from './plugins/web.js';

const root = join(import.meta.dirname, '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm start` builds the web app when it is missing or older than its sources. */
function buildWebIfNeeded(webDist: string) {
  const index = join(webDist, 'index.html');
  const sources = [join(root, 'web', 'src'), join(root, 'common')].filter(existsSync);
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  if (!existsSync(join(root, 'web', 'vite.config.ts'))) return;
  console.log('Building the web app…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('Building the web app failed');
}

async function start() {
  const config = loadConfig();
  if (!config.webDist) buildWebIfNeeded(defaultWebDist);
  const database = createDb(config.databaseUrl, { walRestartBytes: config.walRestartBytes });
  const applied = await migrateToLatest(database.db);
  const { app } = await buildApp({ config, database });
  if (applied.length) app.log.info({ applied }, 'database migrated');
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Kehu is serving on http://${config.host}:${config.port} (${database.describe})`);
}

try {
  const handled = await runCli(process.argv.slice(2));
  if (!handled) await start();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
