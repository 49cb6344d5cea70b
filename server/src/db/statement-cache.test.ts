import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './database.js';

describe('SQLite statement cache', () => {
  const open = (capacity?: number) => {
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (id integer primary key, v text); insert into t (v) values (\'a\'), (\'b\'), (\'c\')');
    return { sqlite, cached: withStatementCache(sqlite, capacity) };
  };

  it('hands out the same prepared statement for the same SQL', () => {
    const { cached } = open();
    const a = cached.prepare('select v from t where id = ?');
    expect(cached.prepare('select v from t where id = ?')).toBe(a);
    expect(cached.prepare('select v from t where id = ?').get(2)).toEqual({ v: 'b' });
  });

  it('prepares a fresh statement while the cached one is still iterating', () => {
    const { cached } = open();
    const sql = 'select id from t order by id';
    const first = cached.prepare(sql);
    const seen: number[] = [];
    for (const row of first.iterate() as Iterable<{ id: number }>) {
      // A nested use of the same SQL (as a second query during a streamed export would be).
      const inner = cached.prepare(sql);
      expect(inner).not.toBe(first);
      expect((inner.all() as { id: number }[]).length).toBe(3);
      seen.push(row.id);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(cached.prepare(sql)).toBe(first);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const { cached } = open(2);
    const a = cached.prepare('select 1');
    const b = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(a); // now the most recent
    cached.prepare('select 3'); // evicts "select 2"
    expect(cached.prepare('select 1')).toBe(a);
    expect(cached.prepare('select 2')).not.toBe(b);
  });

  it('still answers after the schema changes under a cached statement', () => {
    const { sqlite, cached } = open();
    expect(cached.prepare('select * from t where id = 1').get()).toEqual({ id: 1, v: 'a' });
    sqlite.exec('alter table t add column w text default \'x\'');
    expect(cached.prepare('select * from t where id = 1').get()).toEqual({ id: 1, v: 'a', w: 'x' });
  });
});
