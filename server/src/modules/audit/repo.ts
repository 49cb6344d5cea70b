import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface AuditRow {
  at: string;
  actor_id: number | null;
  actor_name: string;
  entity: string;
  entity_id: string;
  customer_id: number | null;
  action: string;
  changes: string;
}

export async function insertAudit(db: Kysely<DB>, row: AuditRow): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  actorId?: number | undefined;
  entity?: string | undefined;
  /** Inclusive lower bound, an ISO instant. */
  fromAt?: string | undefined;
  /** Exclusive upper bound, an ISO instant. */
  toAt?: string | undefined;
  /** Keyset: only rows with a smaller id (newest first). */
  beforeId?: number | undefined;
}

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
  if (f.entity !== undefined) q = q.where('entity', '=', f.entity);
  if (f.fromAt !== undefined) q = q.where('at', '>=', f.fromAt);
  if (f.toAt !== undefined) q = q.where('at', '<', f.toAt);
  return q;
}

export async function listAudit(db: Kysely<DB>, f: AuditFilter, limit: number, offset: number) {
  let q = filtered(db, f).selectAll();
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

/** Counts at most `cap` rows so that a huge trail never costs a full count. */
export async function countAudit(db: Kysely<DB>, f: AuditFilter, cap: number): Promise<number> {
  const row = await db
    .selectFrom(filtered(db, f).select('id').limit(cap + 1).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
