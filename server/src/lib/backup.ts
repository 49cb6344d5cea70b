import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
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

/**
 * Restores a backup over the SQLite database. Kehu must be stopped first. The backup is checked
 * (integrity, Kehu's tables) before anything is replaced; the current database is kept beside it
 * as `<file>.before-restore-<time>` so that a restore can itself be undone.
 */
export async function restoreSqlite(databaseUrl: string, backupFile: string): Promise<string | null> {
  const path = databaseUrl.slice('sqlite:'.length);
  if (path === ':memory:') throw new Error('Cannot restore into an in-memory database');
  if (!existsSync(backupFile)) throw new Error(`No backup file at ${backupFile}`);
  const source = new SQLite(backupFile, { readonly: true, fileMustExist: true });
  try {
    const check = source.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`The backup is damaged: ${String(check)}`);
    const hasKehu = source.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!hasKehu) throw new Error(`${backupFile} is not a Kehu database`);
  } finally {
    source.close();
  }
  let kept: string | null = null;
  if (existsSync(path)) {
    kept = `${path}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // Checkpoint the WAL into the main file so that the kept copy is complete on its own.
    const current = new SQLite(path);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    renameSync(path, kept);
  }
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
  copyFileSync(backupFile, path);
  return kept;
}
