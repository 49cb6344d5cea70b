import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditQuery, Change } from '../../../../common/schemas/audit.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../lib/app-error.js';
import { startOfBusinessDate } from '../../lib/clock.js';
import { DEFAULT_PAGE_SIZE, EXACT_TOTAL_LIMIT, cursorValue, decodeCursor, encodeCursor, type Page } from '../../lib/paging.js';
import { can, type Actor } from '../../policy/actor.js';
import { countAudit, insertAudit, listAudit, type AuditFilter } from './repo.js';

// The one audit trail of every change. Services call recordAudit inside the transaction of
// the change they make, so a change and its record commit or roll back together.

export interface AuditEvent {
  entity: string;
  entityId: number | string;
  customerId?: number | null;
  action: string;
  changes?: Change[];
}

export async function recordAudit(trx: Kysely<DB>, ctx: AppContext, actor: Actor, event: AuditEvent) {
  await insertAudit(trx, {
    at: ctx.clock.now().toISOString(),
    actor_id: actor.id === 0 ? null : actor.id,
    actor_name: actor.displayName,
    entity: event.entity,
    entity_id: String(event.entityId),
    customer_id: event.customerId ?? null,
    action: event.action,
    changes: JSON.stringify(event.changes ?? []),
  });
}

type Value = Change['old'];

/** The fields whose value differs between before and after, as audit data. */
export function diffChanges<T extends Record<string, unknown>>(before: T, after: Partial<T>, fields: (keyof T & string)[]): Change[] {
  const changes: Change[] = [];
  for (const field of fields) {
    if (!(field in after)) continue;
    const old = before[field] as Value;
    const next = after[field] as Value;
    if (old !== next) changes.push({ field, old, new: next });
  }
  return changes;
}

export async function browseAudit(ctx: AppContext, actor: Actor, query: z.infer<typeof AuditQuery>) {
  if (!can(actor, 'audit.read')) throw new AppError('forbidden');
  const { db } = ctx.database;
  const tz = ctx.config.timeZone;
  const filter: AuditFilter = {
    actorId: query.actorId ? Number(query.actorId) : undefined,
    entity: query.entity,
    fromAt: query.from ? startOfBusinessDate(query.from, tz).toISOString() : undefined,
    toAt: query.to ? new Date(startOfBusinessDate(query.to, tz).getTime() + 86_400_000).toISOString() : undefined,
  };
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  let page = query.page ?? 1;
  let offset = (page - 1) * pageSize;
  if (query.cursor) {
    [filter.beforeId] = decodeCursor(query.cursor, z.tuple([cursorValue.id]));
    offset = 0;
    page = 0;
  }
  const [rows, counted] = await Promise.all([
    listAudit(db, filter, pageSize + 1, offset),
    countAudit(db, { ...filter, beforeId: undefined }, EXACT_TOTAL_LIMIT),
  ]);
  const hasMore = rows.length > pageSize;
  const items = rows.slice(0, pageSize).map((r) => ({
    id: String(r.id),
    at: r.at,
    actorId: r.actor_id === null ? null : String(r.actor_id),
    actorName: r.actor_name,
    entity: r.entity,
    entityId: r.entity_id,
    customerId: r.customer_id === null ? null : String(r.customer_id),
    action: r.action,
    changes: JSON.parse(r.changes) as Change[],
  }));
  const last = items.at(-1);
  const result: Page<(typeof items)[number]> = {
    items,
    total: Math.min(counted, EXACT_TOTAL_LIMIT),
    totalExact: counted <= EXACT_TOTAL_LIMIT,
    page,
    pageSize,
    nextCursor: hasMore && last ? encodeCursor([Number(last.id)]) : null,
  };
  return result;
}
