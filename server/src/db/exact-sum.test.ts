import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/harness.js';
import { fenOfSum, isPostgres, withExactSums } from './dialect.js';

// Report sums run over any number of rows: withExactSums must stay exact past 2^53 (a
// number's limit) and past 2^63, where SQLite's own sum() fails with "integer overflow".

describeEachDb('exact money sums', (get) => {
  it('sums past 2^53 and past 2^63 to the fen, negatives and no rows included', async () => {
    const t = get();
    const db = t.db;
    await db.schema.createTable('sum_probe').addColumn('v', isPostgres(db) ? 'bigint' : 'integer').execute();
    try {
      const total = async (where: string) => {
        let runs = 0;
        const value = await withExactSums(db, async (sum) => {
          runs++;
          return (await sql<{ s: unknown }>`select ${sum(sql.ref('v'))} as s from sum_probe where ${sql.raw(where)}`.execute(db)).rows[0]?.s;
        });
        return { fen: fenOfSum(value), runs };
      };
      const odd = 9_007_199_254_740_993n; // 2^53 + 1: no number holds it
      await db.insertInto('sum_probe' as never).values([{ v: odd - 1n }, { v: 1n }] as never).execute();
      expect(await total('true')).toEqual({ fen: odd, runs: 1 });

      const big = 4_000_000_000_000_000_001n;
      await db.insertInto('sum_probe' as never).values([{ v: big }, { v: big }, { v: big }, { v: -5n }] as never).execute();
      // Past 2^63 SQLite's sum fails, and the query runs again in the overflow-proof form.
      expect(await total('true')).toEqual({ fen: odd + 3n * big - 5n, runs: isPostgres(db) ? 1 : 2 });
      expect((await total('v < 0')).fen).toBe(-5n);
      expect((await total('v = 2')).fen).toBe(0n);
      if (!isPostgres(db)) await expect(sql`select sum(v) as s from sum_probe`.execute(db)).rejects.toThrow(/integer overflow/);
    } finally {
      await db.schema.dropTable('sum_probe').execute();
    }
  });

  it('passes on any other error', async () => {
    const t = get();
    await expect(withExactSums(t.db, () => Promise.reject(new Error('no such table')))).rejects.toThrow('no such table');
  });

  it('reads every shape of a sum exactly', () => {
    expect(fenOfSum(null)).toBe(0n);
    expect(fenOfSum(undefined)).toBe(0n);
    expect(fenOfSum(12)).toBe(12n);
    expect(fenOfSum('99999999999999999999')).toBe(99_999_999_999_999_999_999n);
    expect(fenOfSum('12000000000000:3')).toBe(12_000_000_000_000_000_003n);
    expect(fenOfSum('-1:-5')).toBe(-1_000_005n);
    expect(() => fenOfSum(2 ** 60)).toThrow(RangeError);
  });
});
