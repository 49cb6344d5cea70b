import type { Generated } from 'kysely';

// Table types. Columns portable between SQLite and PostgreSQL: ids from the database (bigint on
// PostgreSQL, parsed to number), instants as ISO-8601 UTC text, dates as YYYY-MM-DD text,
// booleans as 0/1, JSON as text.

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** Lower-cased username: logins are case-insensitive and unique by this column. */
  username_norm: string;
  display_name: string;
  role: 'admin' | 'sales' | 'staff';
  password_hash: string;
  phone: string;
  email: string;
  department: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

export interface LoginThrottleTable {
  /** `user:<normalised username>` or `ip:<address>`. */
  key: string;
  /** Attempts in the window counted as failed, those still being checked included. */
  failures: number;
  window_started_at: string;
  /** While in the future, attempts on this key are answered 429 without checking anything. */
  blocked_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  entity: string;
  entity_id: string;
  customer_id: number | null;
  action: string;
  /** JSON array of { field, old, new }. */
  changes: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface CustomerStatusesTable {
  id: Generated<number>;
  name: string;
  sort_order: number;
  created_at: string;
}

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  name_norm: string;
  keyword: string;
  keyword_norm: string;
  status_id: number;
  owner_id: number;
  /** Business date the customer was acquired (may be backdated). */
  created_on: string;
  industry: string;
  source: string;
  region: string;
  address: string;
  phone: string;
  website: string;
  notes: string;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** Set while the customer is in the recycle bin. */
  deleted_at: string | null;
  deleted_by: number | null;
  next_follow_up_on: string | null;
  /** The company core of the name (common/duplicates/company-core.ts); null when it has none. */
  name_core: string | null;
  /** Set when a merge folded this customer into another: it stays in the recycle bin. */
  merged_into_id: number | null;
}

/** How many live customers share a normalised keyword or a company core: the duplicate groups. */
export interface DuplicateKeysTable {
  reason: 'same_keyword' | 'same_name';
  key: string;
  customers: number;
}

export interface ContactsTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  title: string;
  mobile: string;
  phone: string;
  email: string;
  wechat: string;
  qq: string;
  notes: string;
  is_primary: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface FollowupsTable {
  id: Generated<number>;
  customer_id: number;
  author_id: number | null;
  author_name: string;
  occurred_on: string;
  method: 'phone' | 'visit' | 'wechat' | 'email' | 'other' | null;
  content: string;
  next_follow_up_on: string | null;
  sort_at: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CustomerCountsTable {
  owner_id: number;
  status_id: number;
  n: number;
}

/** Per live customer that owes money: sums over its owing purchases (customers/arrears-repo.ts). */
export interface CustomerArrearsTable {
  customer_id: number;
  owner_id: number;
  total_fen: number;
  paid_fen: number;
  owed_fen: number;
  oldest_on: string;
}

export interface GenericKeywordsTable {
  word: string;
  built_in: number;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface DelegationsTable {
  id: Generated<number>;
  customer_id: number;
  from_user_id: number;
  to_user_id: number;
  starts_on: string;
  /** Inclusive last day of the grant; null = until revoked. */
  ends_on: string | null;
  granted_by: number | null;
  granted_at: string;
  ended_at: string | null;
  ended_by: number | null;
  end_reason: 'revoked' | 'transferred' | 'user_disabled' | null;
  /** The customer's name while the grant is active, frozen when it ends: what the lists show then. */
  customer_name_snapshot: string;
}

export interface SuppliersTable {
  id: Generated<number>;
  name: string;
  contact_name: string;
  phone: string;
  email: string;
  address: string;
  bank_name: string;
  bank_account: string;
  tax_id: string;
  notes: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProductsTable {
  id: Generated<number>;
  code: string;
  code_norm: string;
  name: string;
  model: string;
  unit: string;
  price_fen: number;
  annual_fee_fen: number;
  supplier_id: number | null;
  category: string;
  active: number;
  notes: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface QuotesTable {
  id: Generated<number>;
  customer_id: number;
  quoted_on: string;
  valid_until: string | null;
  status: 'draft' | 'sent' | 'accepted' | 'rejected' | 'expired';
  notes: string;
  amount_fen: number;
  author_id: number | null;
  author_name: string;
  purchased_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface QuoteLinesTable {
  id: Generated<number>;
  quote_id: number;
  position: number;
  product_id: number;
  quantity_milli: number;
  unit_price_fen: number;
  discount_fen: number;
  amount_fen: number;
}

export interface PurchasesTable {
  id: Generated<number>;
  customer_id: number;
  product_id: number;
  quote_id: number | null;
  quantity_milli: number;
  unit_price_fen: number;
  discount_fen: number;
  amount_fen: number;
  paid_fen: number;
  purchased_on: string;
  annual_fee_fen: number;
  annual_fee_due_on: string | null;
  notes: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PaymentsTable {
  id: Generated<number>;
  purchase_id: number;
  customer_id: number;
  amount_fen: number;
  paid_on: string;
  method: 'bank' | 'cash' | 'wechat' | 'alipay' | 'cheque' | 'other' | null;
  notes: string;
  author_name: string;
  version: number;
  created_at: string;
}

export interface AnnualFeePaymentsTable {
  id: Generated<number>;
  purchase_id: number;
  customer_id: number;
  paid_on: string;
  amount_fen: number;
  covered_due_on: string;
  notes: string;
  author_name: string;
  version: number;
  created_at: string;
}

export interface FeeRemindersTable {
  id: Generated<number>;
  purchase_id: number;
  customer_id: number;
  due_on: string;
  note: string;
  actor_name: string;
  at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  expires_on: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ServiceRequestsTable {
  id: Generated<number>;
  customer_id: number;
  title: string;
  description: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  purchase_id: number | null;
  contact_id: number | null;
  reported_on: string;
  channel: 'phone' | 'email' | 'wechat' | 'visit' | 'other' | null;
  status: 'new' | 'in_progress' | 'resolved' | 'closed' | 'reopened';
  assignee_id: number | null;
  resolution: string;
  time_spent_minutes: number;
  author_name: string;
  last_progress_at: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DB {
  service_requests: ServiceRequestsTable;
  api_tokens: ApiTokensTable;
  fee_reminders: FeeRemindersTable;
  suppliers: SuppliersTable;
  products: ProductsTable;
  quotes: QuotesTable;
  quote_lines: QuoteLinesTable;
  purchases: PurchasesTable;
  payments: PaymentsTable;
  annual_fee_payments: AnnualFeePaymentsTable;
  delegations: DelegationsTable;
  contacts: ContactsTable;
  followups: FollowupsTable;
  customer_statuses: CustomerStatusesTable;
  customers: CustomersTable;
  duplicate_keys: DuplicateKeysTable;
  customer_counts: CustomerCountsTable;
  customer_arrears: CustomerArrearsTable;
  generic_keywords: GenericKeywordsTable;
  rate_limits: RateLimitsTable;
  app_meta: AppMetaTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  imports: ImportsTable;
  import_rows: ImportRowsTable;
  import_results: ImportResultsTable;
  import_records: ImportRecordsTable;
}

// --- customer import ----------------------------------------------------------------------

export interface ImportsTable {
  id: Generated<number>;
  created_by: number;
  file_name: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  status: 'uploaded' | 'validated' | 'committing' | 'done' | 'undone';
  columns: string;
  row_count: number;
  mapping: string | null;
  defaults: string | null;
  duplicate_action: 'skip' | 'create' | 'merge' | null;
  per_row: string | null;
  to_create: number;
  duplicates: number;
  /** Rows the running (or last) validation has checked. */
  validated_rows: Generated<number>;
  processed: number;
  created_count: number;
  skipped_count: number;
  merged_count: number;
  rejected_count: number;
  /** The commit's progress: rows done, in its order (imports/repo.ts commitOrder). */
  cursor_row: number;
  /** Rows up to this number come first in the commit's order (a commit begun in file order; migration 1800). */
  ordered_after: Generated<number>;
  committed_by: number | null;
  worker: string | null;
  lease_until: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  commit_started_at: string | null;
  finished_at: string | null;
  undone_at: string | null;
}

export interface ImportRowsTable {
  import_id: number;
  row_no: number;
  cells: string;
}

export interface ImportResultsTable {
  import_id: number;
  row_no: number;
  outcome: 'create' | 'duplicate' | 'rejected';
  data: string;
  customer_name: string;
  matches: string;
  merge_target: string | null;
}

export interface ImportRecordsTable {
  import_id: number;
  row_no: number;
  entity: 'customer' | 'contact';
  entity_id: string;
  customer_id: number;
}
