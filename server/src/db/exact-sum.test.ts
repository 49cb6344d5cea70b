import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/harness.js';
import { exactSum, fenOfSum, isPostgres } from './dialect.js';

// Report sums run over any number of rows: exactSum must stay exact past 2^53 (a number's
// limit) and past 2^63, where SQLite's own sum() fails with "integer overflow".

describeEachDb('exact money sums', (get) => {
  it('sums past 2^63 to the fen, negatives and no rows included', async () => {
    const t = get();
    const db = t.db;
    await db.schema.createTable('sum_probe').addColumn('v', isPostgres(db) ? 'bigint' : 'integer').execute();
    try {
      const big = 4_000_000_000_000_000_001n;
      await db.insertInto('sum_probe' as never).values([{ v: big }, { v: big }, { v: big }, { v: -5n }] as never).execute();
      const total = async (where: string) =>
        fenOfSum((await sql<{ s: unknown }>`select ${exactSum(db, sql.ref('v'))} as s from sum_probe where ${sql.raw(where)}`.execute(db)).rows[0]?.s);
      expect(await total('true')).toBe(3n * big - 5n);
      expect(await total('v < 0')).toBe(-5n);
      expect(await total('v = 1')).toBe(0n);
      // Why the helper: PostgreSQL's plain sum is exact already, SQLite's fails.
      const plain = sql<{ s: unknown }>`select sum(v) as s from sum_probe`.execute(db);
      if (isPostgres(db)) expect(fenOfSum((await plain).rows[0]?.s)).toBe(3n * big - 5n);
      else await expect(plain).rejects.toThrow(/integer overflow/);
    } finally {
      await db.schema.dropTable('sum_probe').execute();
    }
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
