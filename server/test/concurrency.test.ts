import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from './concurrency/cluster.js';
import { importCases } from './concurrency/imports.js';
import { moneyCases } from './concurrency/money.js';
import { ownershipCases } from './concurrency/ownership.js';
import { recordCases } from './concurrency/records.js';
import { databaseKinds } from './harness.js';

// Simultaneous writes (issue 24): for every write that maintains a derived value, several real
// HTTP requests at the same moment against two server processes on one database. Every answer
// is a success or a refusal the client can act on (409, 422), never a 5xx or a hung request,
// and afterwards every derived value equals a recount (consistency.ts). One set of processes
// per database serves all the cases; each case works on customers of its own.

const dir = mkdtempSync(join(tmpdir(), 'kehu-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const kind of databaseKinds()) {
  describe(`simultaneous writes on ${kind}`, () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await Cluster.start(kind, dir);
    }, 150_000);
    afterAll(async () => {
      await cluster?.stop();
    });
    const get = () => cluster;

    describe('money', () => moneyCases(get));
    describe("a customer's records", () => recordCases(get));
    describe('ownership', () => ownershipCases(get));
    describe('imports', () => importCases(get));

    it('leaves the whole database consistent', async () => {
      expect(await cluster.problems()).toEqual([]);
    });
  });
}
