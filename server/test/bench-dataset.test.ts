import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import { createDb } from '../src/db/database.js';
import { inconsistencies } from './consistency.js';
import { databaseKinds, sharedTestDatabase } from './harness.js';

// The bench generator writes its data set in bulk, outside the customer writer, for speed. It
// is held to the same invariants instead: every derived store of what it generates must match a
// recount, as after any write through the writer. Its audit trail is a sample (a few entries per
// customer, not one per record), so the one-entry-per-record rule is left out here.

const dir = mkdtempSync(join(tmpdir(), 'kehu-bench-dataset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(databaseKinds())('the bench data set (%s)', (kind) => {
  it('keeps every derived store consistent with its rows', async () => {
    const shared = await sharedTestDatabase(kind, dir);
    try {
      const sqlitePath = kind === 'sqlite' ? shared.url.slice('sqlite:'.length) : undefined;
      const facts = await generate({ db: kind, url: shared.url, sqlitePath, customers: 1_500, seed: 7, passwordHash: 'x', log: () => {} });
      expect(facts.customers).toBe(1_500);
      const database = createDb(shared.url);
      try {
        expect(await inconsistencies(database.db, { auditTrail: false })).toEqual([]);
      } finally {
        await database.close();
      }
    } finally {
      await shared.drop();
    }
  }, 240_000);
});
