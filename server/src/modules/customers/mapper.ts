import type { Customer } from '../../../../common/schemas/customers.js';
import { can, type Actor } from '../../policy/actor.js';
import type { CustomerWithNames } from './repo.js';

export type Grant = Customer['delegates'][number];

/** `viewer` null: seen outside any caller's view (the recycle bin). */
export function toCustomer(row: CustomerWithNames, grants: Grant[] = [], viewer: Actor | null = null): Customer {
  return {
    id: String(row.id),
    name: row.name,
    keyword: row.keyword,
    statusId: String(row.status_id),
    statusName: row.status_name,
    ownerId: String(row.owner_id),
    ownerName: row.owner_name,
    createdOn: row.created_on,
    industry: row.industry,
    source: row.source,
    region: row.region,
    address: row.address,
    phone: row.phone,
    website: row.website,
    notes: row.notes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    delegates: grants,
    isDelegatedToMe: viewer !== null && !can(viewer, 'customers.admin') && row.owner_id !== viewer.id,
  };
}

/** API field name → column, for the fields a user edits directly (and the log shows). */
export const editableFields = {
  name: 'name',
  keyword: 'keyword',
  industry: 'industry',
  source: 'source',
  region: 'region',
  address: 'address',
  phone: 'phone',
  website: 'website',
  notes: 'notes',
  createdOn: 'created_on',
} as const;
