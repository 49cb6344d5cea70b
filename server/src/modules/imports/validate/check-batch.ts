import { duplicateKeysOf } from '../../../../../common/duplicates/keys.js';
import type { ImportField } from '../../../../../common/schemas/imports.js';
import type { ImportResultsTable, ImportRowsTable } from '../../../db/schema.js';
import {
  databaseQuestions,
  InFileIndex,
  matchRows,
  MAX_MATCHES,
  strengthOf,
  type DatabaseAnswers,
  type DatabaseQuestions,
  type FileMatch,
  type RowKeys,
} from './duplicate-check.js';
import { readRow, type Lookups, type RejectedData, type RowData, type StoredMatch } from './check-row.js';

// The checking of a validation batch, in two steps around the database's part. `read` reads
// each row against the mapping, runs the in-file duplicate check, and says what to ask the
// database; `finish` takes the answers and makes the rows of the report. Pure and in row order:
// the in-file index grows batch after batch, so one checker sees every batch of a run, in turn.
// It runs on the validation thread (check-batch-thread.ts), while the main thread queries the
// database.

export interface CheckSetup {
  importId: number;
  mapping: (ImportField | null)[];
  lookups: Lookups;
}

/** A staged row of the file, as read from import_rows. */
export type StagedRow = Pick<ImportRowsTable, 'row_no' | 'cells'>;

/** A row of the report, as stored in import_results. */
export type CheckedRow = ImportResultsTable;

/** The database's answers about a batch, and which of the customers found the importer may merge into. */
export type Answers = DatabaseAnswers & { visible: ReadonlySet<number> };

export interface CheckedBatch {
  results: CheckedRow[];
  counts: { create: number; duplicate: number; rejected: number };
  /**
   * Which of `results` (their places, in row order) name existing customers: each spends a unit
   * of the importer's duplicate budget, and those beyond it are hidden (hideMatches).
   */
  naming: number[];
}

interface ReadRow extends RowKeys {
  rowNo: number;
  /** Its place among the batch's valid rows. */
  at: number;
  data: RowData;
  fromFile: FileMatch[];
}

interface ReadBatch {
  rows: (ReadRow | { rowNo: number; rejected: RejectedData })[];
  valid: ReadRow[];
}

export class BatchChecker {
  private readonly inFile = new InFileIndex();
  private readonly waiting = new Map<number, ReadBatch>();
  private nextBatch = 0;

  constructor(private readonly setup: CheckSetup) {}

  /** Reads a batch; what to ask the database about it, under the batch's number for `finish`. */
  read(staged: readonly StagedRow[]): DatabaseQuestions & { batch: number } {
    const { mapping, lookups } = this.setup;
    const rows: ReadBatch['rows'] = [];
    const valid: ReadRow[] = [];
    for (const s of staged) {
      const result = readRow(JSON.parse(s.cells) as string[], mapping, lookups);
      if ('rejected' in result) {
        rows.push({ rowNo: s.row_no, rejected: result.rejected });
        continue;
      }
      const { data } = result;
      const keys = duplicateKeysOf(data.name, data.keyword);
      const rowKeys: RowKeys = { nameNorm: keys.name_norm, keywordNorm: keys.keyword_norm, nameCore: keys.name_core };
      // Earlier rows first, then this one joins them: within a batch as across batches.
      const fromFile = this.inFile.matches(rowKeys);
      this.inFile.add(s.row_no, data.name, lookups.ownerNames.get(data.ownerId) ?? '', rowKeys);
      const row = { rowNo: s.row_no, at: valid.length, data, ...rowKeys, fromFile };
      rows.push(row);
      valid.push(row);
    }
    const batch = this.nextBatch++;
    this.waiting.set(batch, { rows, valid });
    return { batch, ...databaseQuestions(valid) };
  }

  /** The report's rows of a batch read before, with the database's answers about it. */
  finish(batch: number, answers: Answers): CheckedBatch {
    const read = this.waiting.get(batch);
    if (!read) throw new Error(`batch ${batch} was not read`);
    this.waiting.delete(batch);
    const fromDb = matchRows(read.valid, answers);
    const counts = { create: 0, duplicate: 0, rejected: 0 };
    const naming: number[] = [];
    const importId = this.setup.importId;
    const results = read.rows.map((row, place): CheckedRow => {
      if ('rejected' in row) {
        counts.rejected += 1;
        const r = row.rejected;
        return { import_id: importId, row_no: row.rowNo, outcome: 'rejected', data: JSON.stringify(r), customer_name: r.name.slice(0, 200), matches: '[]', merge_target: null };
      }
      // Existing customers and earlier rows together, strongest rule first (existing customers
      // first under one rule); the first shown that the importer may merge into is the target.
      const existing = fromDb[row.at]!;
      const kept: { id: number | null; match: StoredMatch }[] = [];
      for (const m of existing) kept.push({ id: m.id, match: { customerName: m.name, ownerName: m.ownerName, reason: m.reason } });
      for (const m of row.fromFile) kept.push({ id: null, match: { customerName: m.name, ownerName: m.ownerName, rowNo: m.rowNo, reason: m.reason } });
      if (existing.length && row.fromFile.length) kept.sort((a, b) => strengthOf(a.match.reason) - strengthOf(b.match.reason));
      if (kept.length > MAX_MATCHES) kept.length = MAX_MATCHES;
      const target = kept.find((k) => k.id !== null && answers.visible.has(k.id)) ?? kept.find((k) => k.id === null);
      const mergeTarget = !target ? null : target.id !== null ? `c:${target.id}` : `r:${target.match.rowNo}`;
      const outcome = kept.length ? 'duplicate' : 'create';
      counts[outcome] += 1;
      if (kept.some((k) => k.id !== null)) naming.push(place);
      const matches = kept.length ? JSON.stringify(kept.map((k) => k.match)) : '[]';
      return { import_id: importId, row_no: row.rowNo, outcome, data: JSON.stringify(row.data), customer_name: row.data.name, matches, merge_target: mergeTarget };
    });
    return { results, counts, naming };
  }
}

/**
 * A row of the report whose matches the importer's duplicate budget did not cover: still a
 * possible duplicate, but naming nobody and offering no merge; its data says so (matchesHidden).
 */
export function hideMatches(row: CheckedRow): CheckedRow {
  const data = JSON.parse(row.data) as RowData;
  return { ...row, matches: '[]', merge_target: null, data: JSON.stringify({ ...data, matchesHidden: true }) };
}
