import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Kysely } from 'kysely';
import * as m0001 from './migrations/2026_11_27_0000_create_foundation.js';
import * as m0002 from './migrations/2026_11_27_0100_create_customers.js';
import * as m0003 from './migrations/2026_11_27_0200_create_customer_records.js';
import * as m0004 from './migrations/2026_11_27_0300_create_delegations.js';
import * as m0005 from './migrations/2026_11_27_0400_create_catalogue_and_deals.js';
import * as m0006 from './migrations/2026_11_27_0500_create_fee_reminders.js';
import * as m0007 from './migrations/2026_11_27_0600_create_api_tokens.js';
import * as mImports from './migrations/2026_11_27_0800_create_imports.js';
import * as m0008 from './migrations/2026_11_27_0700_create_service_requests.js';
import * as m0009 from './migrations/2026_11_27_0900_long_search_grams.js';
import * as m0010 from './migrations/2026_11_27_1000_report_indexes.js';
import * as m0011 from './migrations/2026_11_27_1100_recycle_bin_index.js';
import * as m0012 from './migrations/2026_11_27_1200_customer_arrears.js';
import * as m0013 from './migrations/2026_11_27_1300_ngrams_without_foreign_key.js';
import * as m0014 from './migrations/2026_11_27_1400_import_validation_progress.js';
import * as m0015 from './migrations/2026_11_27_1500_search_index_posting_lists.js';
import * as m0016 from './migrations/2026_11_27_1600_follow_up_indexes_only_dated.js';
import * as m0017 from './migrations/2026_11_27_1800_import_commit_in_date_order.js';
import * as m0018 from './migrations/2026_11_27_1900_search_pending_list_per_session.js';
import * as m0019 from './migrations/2026_11_27_2000_search_terms_in_byte_order.js';
import * as m0020 from './migrations/2026_11_27_2100_import_tables_without_foreign_keys.js';
import * as m0021 from './migrations/2026_11_27_2200_search_terms_as_hashes.js';
import * as mDuplicatesV2 from './migrations/2026_12_08_0100_duplicates_v2.js';
import * as mMergedIndex from './migrations/2026_12_08_1100_index_merged_customers.js';
import * as mDelegationSnapshot from './migrations/2026_12_07_0200_delegation_customer_snapshot.js';

// Migrations are listed here rather than read from a folder so that they work the same under
// tsx, in tests and in a bundled build. Never edit one that has landed; add a new one.
const migrations: Record<string, Migration> = {
  '2026_11_27_0000_create_foundation': m0001,
  '2026_11_27_0100_create_customers': m0002,
  '2026_11_27_0200_create_customer_records': m0003,
  '2026_11_27_0300_create_delegations': m0004,
  '2026_11_27_0400_create_catalogue_and_deals': m0005,
  '2026_11_27_0500_create_fee_reminders': m0006,
  '2026_11_27_0600_create_api_tokens': m0007,
  '2026_11_27_0800_create_imports': mImports,
  '2026_11_27_0700_create_service_requests': m0008,
  '2026_11_27_0900_long_search_grams': m0009,
  '2026_11_27_1000_report_indexes': m0010,
  '2026_11_27_1100_recycle_bin_index': m0011,
  '2026_11_27_1200_customer_arrears': m0012,
  '2026_11_27_1300_ngrams_without_foreign_key': m0013,
  '2026_11_27_1400_import_validation_progress': m0014,
  '2026_11_27_1500_search_index_posting_lists': m0015,
  '2026_11_27_1600_follow_up_indexes_only_dated': m0016,
  '2026_11_27_1800_import_commit_in_date_order': m0017,
  '2026_11_27_1900_search_pending_list_per_session': m0018,
  '2026_11_27_2000_search_terms_in_byte_order': m0019,
  '2026_11_27_2100_import_tables_without_foreign_keys': m0020,
  '2026_11_27_2200_search_terms_as_hashes': m0021,
  '2026_12_07_0200_delegation_customer_snapshot': mDelegationSnapshot,
  '2026_12_08_0100_duplicates_v2': mDuplicatesV2,
  '2026_12_08_1100_index_merged_customers': mMergedIndex,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
