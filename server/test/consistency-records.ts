import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { addYears } from '../src/lib/dates.js';

// The consistency check's invariants on customer records (consistency.ts runs them): each a
// set-based query that returns only the rows that break it.

export async function recordInconsistencies(db: Kysely<DB>, options: { auditTrail: boolean }): Promise<string[]> {
  return [
    ...(await staleNextFollowUp(db)),
    ...(await staleFeeDueDates(db)),
    ...(await staleQuotes(db)),
    ...(await overlappingGrants(db)),
    ...(options.auditTrail ? [...(await missingCreationLogs(db)), ...(await unloggedUpdates(db))] : []),
  ];
}

/**
 * A customer's next follow-up date is the one its latest follow-up gives (latest by date, then
 * by id: activities/service.ts refreshNext), or none without follow-ups.
 */
async function staleNextFollowUp(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ id: number; have: string | null; want: string | null }>`
    select c.id, c.next_follow_up_on as have, l.next_follow_up_on as want
    from customers c
    left join (
      select customer_id, next_follow_up_on, row_number() over (partition by customer_id order by occurred_on desc, id desc) as rn
      from followups
    ) l on l.customer_id = c.id and l.rn = 1
    where coalesce(c.next_follow_up_on, '') <> coalesce(l.next_follow_up_on, '')
    order by c.id`.execute(db);
  return rows.map((r) => `customer ${r.id}: next_follow_up_on ${r.have}, its latest follow-up gives ${r.want}`);
}

/**
 * Each annual-fee payment settles the purchase's due date of the moment and moves it one year
 * on (purchases/annual-fees.ts): the payments of a purchase, in order, cover consecutive years,
 * and the purchase is due a year after the last one covered. A due date set by hand on the
 * purchase (its log entry names annualFeeDueOn) restarts the chain.
 */
async function staleFeeDueDates(db: Kysely<DB>): Promise<string[]> {
  const { rows: paid } = await sql<{ id: number; purchase_id: number; covered_due_on: string; logged_as: number | null; due_on: string | null }>`
    select f.id, f.purchase_id, f.covered_due_on, a.id as logged_as, p.annual_fee_due_on as due_on
    from annual_fee_payments f
    join purchases p on p.id = f.purchase_id
    left join audit_log a on a.entity = 'annual_fee_payment' and a.entity_id = cast(f.id as text) and a.action = 'created'
    order by f.purchase_id, f.id`.execute(db);
  if (paid.length === 0) return [];
  const { rows: edits } = await sql<{ id: number; entity_id: string }>`
    select id, entity_id from audit_log
    where entity = 'purchase' and action = 'updated' and changes like ${'%"annualFeeDueOn"%'}`.execute(db);
  const editedBetween = (purchaseId: number, after: number | null, before: number) =>
    after === null || edits.some((e) => Number(e.entity_id) === purchaseId && Number(e.id) > after && Number(e.id) < before);
  const problems: string[] = [];
  for (let i = 0; i < paid.length; i++) {
    const f = paid[i]!;
    const next = paid[i + 1];
    const logged = f.logged_as === null ? null : Number(f.logged_as);
    const expected = addYears(f.covered_due_on, 1);
    if (next && Number(next.purchase_id) === Number(f.purchase_id)) {
      if (next.covered_due_on !== expected && !editedBetween(Number(f.purchase_id), logged, next.logged_as === null ? Infinity : Number(next.logged_as))) {
        problems.push(`purchase ${f.purchase_id}: annual-fee payment ${next.id} covers ${next.covered_due_on}, the one before it (${f.id}) moved the due date to ${expected}`);
      }
    } else if (f.due_on !== expected && !editedBetween(Number(f.purchase_id), logged, Infinity)) {
      problems.push(`purchase ${f.purchase_id}: annual fee due ${f.due_on}, its last annual-fee payment (${f.id}, covering ${f.covered_due_on}) gives ${expected}`);
    }
  }
  return problems;
}

/**
 * A quote's amount is the sum of its lines; an accepted quote becomes purchases once (one per
 * line at most, fewer if some were deleted since) and is then marked as bought, with one log
 * entry for it.
 */
async function staleQuotes(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ id: number; amount_fen: number; purchased_at: string | null; lines_fen: number; lines_n: number; purchases_n: number; logged_n: number }>`
    select q.id, q.amount_fen, q.purchased_at, coalesce(l.fen, 0) as lines_fen, coalesce(l.n, 0) as lines_n,
      coalesce(p.n, 0) as purchases_n, coalesce(a.n, 0) as logged_n
    from quotes q
    left join (select quote_id, sum(amount_fen) as fen, count(*) as n from quote_lines group by quote_id) l on l.quote_id = q.id
    left join (select quote_id, count(*) as n from purchases where quote_id is not null group by quote_id) p on p.quote_id = q.id
    left join (select entity_id, count(*) as n from audit_log where entity = 'quote' and action = 'purchased' group by entity_id) a
      on a.entity_id = cast(q.id as text)
    where q.amount_fen <> coalesce(l.fen, 0) or coalesce(p.n, 0) > coalesce(l.n, 0) or coalesce(a.n, 0) > 1
      or (coalesce(p.n, 0) > 0 and q.purchased_at is null)
    order by q.id`.execute(db);
  return rows.map(
    (r) =>
      `quote ${r.id}: amount_fen ${Number(r.amount_fen)} (lines ${Number(r.lines_fen)}), ${Number(r.lines_n)} lines, ` +
      `${Number(r.purchases_n)} purchases made from it, logged as bought ${Number(r.logged_n)} times, purchased_at ${r.purchased_at}`,
  );
}

/**
 * At most one grant of a customer to one delegate is in force on any day: granting again moves
 * the end date instead of stacking grants. A grant without an end date that has not ended is
 * the customer's owner's, to someone else (a change of owner ends the grants).
 */
async function overlappingGrants(db: Kysely<DB>): Promise<string[]> {
  const { rows: overlaps } = await sql<{ a: number; b: number; customer_id: number; to_user_id: number }>`
    select d1.id as a, d2.id as b, d1.customer_id, d1.to_user_id
    from delegations d1
    join delegations d2 on d2.customer_id = d1.customer_id and d2.to_user_id = d1.to_user_id and d2.id > d1.id
    where d1.end_reason is null and d2.end_reason is null
      and d1.starts_on <= coalesce(d2.ends_on, '9999-12-31') and d2.starts_on <= coalesce(d1.ends_on, '9999-12-31')
    order by d1.id, d2.id`.execute(db);
  const { rows: foreign } = await sql<{ id: number; customer_id: number; from_user_id: number; to_user_id: number; owner_id: number }>`
    select d.id, d.customer_id, d.from_user_id, d.to_user_id, c.owner_id
    from delegations d join customers c on c.id = d.customer_id
    where d.end_reason is null and d.ends_on is null and (d.from_user_id <> c.owner_id or d.to_user_id = c.owner_id)
    order by d.id`.execute(db);
  const stacked = new Map<string, Set<number>>();
  for (const r of overlaps) {
    const key = `customer ${r.customer_id} to user ${r.to_user_id}`;
    stacked.set(key, new Set([...(stacked.get(key) ?? []), Number(r.a), Number(r.b)]));
  }
  return [
    ...[...stacked].map(([key, ids]) => `delegations ${[...ids].sort((x, y) => x - y).join(', ')}: grants of ${key} in force at the same time`),
    ...foreign.map((r) => `delegation ${r.id}: in force from user ${r.from_user_id} to ${r.to_user_id}, but customer ${r.customer_id} is owned by ${r.owner_id}`),
  ];
}

/** Records whose creation is logged: the table, the log's entity name, and the actions that create. */
const created: { table: keyof DB; entity: string; actions: string[] }[] = [
  { table: 'customers', entity: 'customer', actions: ['created', 'imported'] },
  { table: 'contacts', entity: 'contact', actions: ['created', 'imported'] },
  { table: 'followups', entity: 'followup', actions: ['created'] },
  { table: 'quotes', entity: 'quote', actions: ['created'] },
  { table: 'purchases', entity: 'purchase', actions: ['created'] },
  { table: 'payments', entity: 'payment', actions: ['created'] },
  { table: 'annual_fee_payments', entity: 'annual_fee_payment', actions: ['created'] },
  { table: 'service_requests', entity: 'service_request', actions: ['created'] },
  { table: 'delegations', entity: 'delegation', actions: ['granted'] },
];

/** Every record's creation is in the audit trail exactly once: none unlogged, none logged twice. */
async function missingCreationLogs(db: Kysely<DB>): Promise<string[]> {
  const problems: string[] = [];
  for (const { table, entity, actions } of created) {
    // The log counted per record first, then joined: a join per record row probed the log once
    // for each, which took PostgreSQL tens of seconds after an import.
    const { rows } = await sql<{ id: number; n: number }>`
      select t.id, coalesce(a.n, 0) as n
      from ${sql.table(table)} t
      left join (
        select entity_id, count(*) as n from audit_log
        where entity = ${entity} and action in (${sql.join(actions)})
        group by entity_id
      ) a on a.entity_id = cast(t.id as text)
      where coalesce(a.n, 0) <> 1
      order by t.id`.execute(db);
    for (const r of rows) problems.push(`${entity} ${r.id}: its creation is logged ${Number(r.n)} times`);
  }
  return problems;
}

/**
 * Records whose every successful change moves the version on by one and writes one log entry;
 * `mayBump`: logged actions that may or may not move the version (a quote marked as bought).
 */
const versioned: { table: keyof DB; entity: string; mayBump?: string }[] = [
  { table: 'followups', entity: 'followup' },
  { table: 'quotes', entity: 'quote', mayBump: 'purchased' },
  { table: 'payments', entity: 'payment' },
  { table: 'annual_fee_payments', entity: 'annual_fee_payment' },
  { table: 'service_requests', entity: 'service_request' },
];

/**
 * version − 1 equals the number of logged changes: two writes that both succeeded from the
 * same version (a lost update) log two changes but move the version once.
 */
async function unloggedUpdates(db: Kysely<DB>): Promise<string[]> {
  const problems: string[] = [];
  for (const { table, entity, mayBump = '' } of versioned) {
    const { rows } = await sql<{ id: number; version: number; updated: number; other: number }>`
      select id, version, updated, other from (
        select t.id, t.version, coalesce(a.updated, 0) as updated, coalesce(a.other, 0) as other
        from ${sql.table(table)} t
        left join (
          select entity_id,
            sum(case when action = 'updated' then 1 else 0 end) as updated,
            sum(case when action = ${mayBump} then 1 else 0 end) as other
          from audit_log
          where entity = ${entity} and action in ('updated', ${mayBump})
          group by entity_id
        ) a on a.entity_id = cast(t.id as text)
      ) v
      where version - 1 <> updated and version - 1 <> updated + other
      order by id`.execute(db);
    for (const r of rows) problems.push(`${entity} ${r.id}: version ${r.version} after ${Number(r.updated)} logged changes`);
  }
  return problems;
}
