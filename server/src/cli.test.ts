import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

// The operator commands, run as a person would: `npm run kehu -- <command>` is this process.
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'kehu-cli-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'kehu.db')}`, KEHU_SCRYPT_N: '1024', LOG_LEVEL: 'silent' };

function kehu(args: string[], input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], { cwd: root, env, input, encoding: 'utf8' });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('command line', () => {
  it('migrates, creates an admin, resets a password and backs up', () => {
    const migrate = kehu(['migrate']);
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/Applied|up to date/);

    const created = kehu(['create-admin', '--username', 'ops', '--name', '运维', '--password-stdin'], 'first-pass-1\n');
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain('Administrator "ops" created');

    const again = kehu(['create-admin', '--username', 'ops', '--name', 'x', '--password-stdin'], 'first-pass-1\n');
    expect(again.status).not.toBe(0);

    const weak = kehu(['reset-password', 'ops', '--password-stdin'], 'short\n');
    expect(weak.status).not.toBe(0);
    const reset = kehu(['reset-password', 'ops', '--password-stdin'], 'second-pass-2\n');
    expect(reset.status, reset.stderr).toBe(0);
    expect(kehu(['reset-password', 'nobody', '--password-stdin'], 'second-pass-2\n').status).not.toBe(0);

    const backupFile = join(dir, 'backup.db');
    const backup = kehu(['backup', backupFile]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(existsSync(backupFile)).toBe(true);
    const copy = new SQLite(backupFile, { readonly: true });
    const users = copy.prepare('select username, role from users').all();
    copy.close();
    expect(users).toEqual([{ username: 'ops', role: 'admin' }]);
    // The audit trail records who did it: the operator's command line.
    const db = new SQLite(join(dir, 'kehu.db'), { readonly: true });
    const actions = db.prepare("select action, actor_name from audit_log order by id").all();
    db.close();
    expect(actions).toEqual([
      { action: 'created', actor_name: 'system' },
      { action: 'password_reset', actor_name: 'system' },
    ]);
  });

  it('explains that PostgreSQL is backed up with its own tools', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'backup', '/tmp/x.db'], {
      cwd: root,
      env: { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' },
      encoding: 'utf8',
    });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/pg_dump/);
  });

  it('prints usage for help and refuses unknown commands', () => {
    expect(execFileSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'help'], { cwd: root, env, encoding: 'utf8' })).toContain('create-admin');
    expect(kehu(['frobnicate']).status).not.toBe(0);
  });
});
