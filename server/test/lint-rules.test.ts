import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's layering rules (eslint.rules.js) flag what they are meant to, and only that.

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? '').filter((id) => id.startsWith('kehu/'));
}

describe('layering lint rules', () => {
  it('refuses a query built in a service, and raw sql outside repos', async () => {
    const code = "import { sql } from 'kysely';\nexport const q = (db: any) => db.selectFrom('customers');\nexport const r = sql`select 1`;\n";
    expect(await problems('server/src/modules/contacts/service.ts', code)).toEqual(['kehu/queries-in-repos', 'kehu/queries-in-repos']);
  });

  it('allows queries in repo files, db/, search/ and the policy', async () => {
    const code = "import { sql } from 'kysely';\nexport const q = (db: any) => db.selectFrom('customers');\nexport const r = sql`select 1`;\n";
    for (const path of ['server/src/modules/contacts/repo.ts', 'server/src/modules/imports/lease-repo.ts', 'server/src/db/bulk.ts', 'server/src/search/term-index.ts', 'server/src/policy/scope.ts']) {
      expect(await problems(path, code), path).toEqual([]);
    }
  });

  it("refuses an import of another module's repo, not of its own", async () => {
    expect(await problems('server/src/modules/quotes/service.ts', "import * as repo from '../customers/repo.js';\nexport { repo };\n")).toEqual(['kehu/no-foreign-repo']);
    expect(await problems('server/src/modules/imports/commit/run-commit.ts', "import * as repo from '../repo.js';\nexport { repo };\n")).toEqual([]);
    expect(await problems('server/src/modules/imports/validate/keyword-filter.ts', "import { x } from '../../customers/batch-repo.js';\nexport { x };\n")).toEqual(['kehu/no-foreign-repo']);
  });
});
