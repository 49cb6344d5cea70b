import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

// PostgreSQL tests migrate once into a template database; each test file clones it
// (CREATE DATABASE … TEMPLATE …), which takes milliseconds.

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string | null;
    pgRunId: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('pgRunId', runId);
  if (!url) {
    if (process.env.CI) throw new Error('CI must set TEST_DATABASE_URL: PostgreSQL tests may not be skipped');
    console.warn('TEST_DATABASE_URL is not set: API tests run on SQLite only.');
    project.provide('pgTemplate', null);
    return;
  }
  const template = `kehu_tpl_${runId}`;
  await adminQuery(url, `CREATE DATABASE ${template}`);
  const database = createDb(withDatabase(url, template));
  await migrateToLatest(database.db);
  await database.close();
  project.provide('pgTemplate', template);

  return async () => {
    const { rows } = await adminQuery(url, `SELECT datname FROM pg_database WHERE datname LIKE 'kehu_%${runId}%'`);
    for (const { datname } of rows as { datname: string }[]) {
      await adminQuery(url, `DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  };
}

export { withDatabase };
