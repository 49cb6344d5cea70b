import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

/** SQLite's online backup: consistent while Kehu keeps serving and writing. */
export async function backupSqlite(databaseUrl: string, file: string): Promise<void> {
  const path = databaseUrl.slice('sqlite:'.length);
  if (path === ':memory:' || !existsSync(path)) throw new Error(`No SQLite database at ${path}`);
  if (existsSync(file)) throw new Error(`${file} already exists; choose a new file name`);
  const source = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
}
