import { z } from 'zod';
import { IdString, PageQuery, pageOf, requiredText } from './common.js';
import { DuplicateMatch } from './duplicates.js';

// Customer import (导入): upload → map columns → validate → commit in the background → undo.

export const customerImportFields = [
  'name',
  'keyword',
  'status',
  'owner',
  'createdOn',
  'industry',
  'source',
  'region',
  'address',
  'phone',
  'website',
  'notes',
] as const;
export const contactImportFields = ['name', 'title', 'mobile', 'phone', 'email', 'wechat', 'qq'] as const;
/** Contacts per row: 联系人, 联系人2 … 联系人5. */
export const MAX_IMPORT_CONTACTS = 5;

export type ContactImportField = (typeof contactImportFields)[number];
export type ImportField = (typeof customerImportFields)[number] | `contact${1 | 2 | 3 | 4 | 5}.${ContactImportField}`;

export const importFields: ImportField[] = [
  ...customerImportFields,
  ...[1, 2, 3, 4, 5].flatMap((n) => contactImportFields.map((f) => `contact${n}.${f}` as ImportField)),
];
export const ImportFieldSchema = z.enum(importFields as [ImportField, ...ImportField[]]);

export const importStatuses = ['uploaded', 'validated', 'committing', 'done', 'undone'] as const;
export const duplicateActions = ['skip', 'create', 'merge'] as const;
export const DuplicateAction = z.enum(duplicateActions);
export const importOutcomes = ['create', 'duplicate', 'rejected'] as const;

/** The JSON alternative to a multipart upload, for integrators: CSV text up to the JSON body limit. */
export const JsonUploadRequest = z.strictObject({
  fileName: requiredText(200),
  csv: z.string().min(1).max(900_000),
});

export const ImportDefaults = z.strictObject({
  statusId: IdString,
  /** Owner of rows without an owner column; a salesperson may only name themself. */
  ownerId: IdString.optional(),
});

export const ValidateImportRequest = z.strictObject({
  /** One entry per column of the file: the field it fills, or null to ignore it. */
  mapping: z.array(ImportFieldSchema.nullable()).max(200),
  defaults: ImportDefaults,
});
export type ValidateImportRequest = z.infer<typeof ValidateImportRequest>;

export const CommitImportRequest = z.strictObject({
  duplicateAction: DuplicateAction,
  /** Row number → action, overriding duplicateAction for that row. */
  perRow: z
    .record(z.string().regex(/^[1-9][0-9]{0,6}$/, 'row'), DuplicateAction)
    .refine((r) => Object.keys(r).length <= 10_000, 'too_many')
    .optional(),
});
export type CommitImportRequest = z.infer<typeof CommitImportRequest>;

export const Import = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  status: z.enum(importStatuses),
  /** A commit that stopped half-way (its process died): it can be resumed or undone. */
  isIncomplete: z.boolean(),
  createdById: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  columns: z.array(z.string()),
  suggestedMapping: z.array(ImportFieldSchema.nullable()),
  mapping: z.array(ImportFieldSchema.nullable()).nullable(),
  defaults: z.object({ statusId: z.string(), ownerId: z.string().optional() }).nullable(),
  duplicateAction: DuplicateAction.nullable(),
  rowCount: z.number().int(),
  /** Rows that passed validation and will be created / are possible duplicates / are rejected. */
  toCreate: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  /** A validation is running: rows checked so far, of rowCount. */
  isValidating: z.boolean(),
  validatedRows: z.number().int(),
  /** Progress of the commit. */
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  skipped: z.number().int(),
  merged: z.number().int(),
});
export type Import = z.infer<typeof Import>;

export const UploadedImport = Import.extend({
  /** The first rows of the file, as text, for the mapping screen. */
  preview: z.array(z.array(z.string())),
});
export const ImportList = pageOf(Import);
export const ImportListQuery = z.strictObject({ page: PageQuery.page, pageSize: PageQuery.pageSize });

export const ImportRowResult = z.object({
  rowNo: z.number().int(),
  outcome: z.enum(importOutcomes),
  customerName: z.string(),
  keyword: z.string(),
  /** Why the row is rejected, in the request's language. */
  reasons: z.array(z.string()),
  /** Look-alikes: existing customers (name and owner only) or rows of this file. */
  matches: z.array(DuplicateMatch.extend({ rowNo: z.number().int().optional() })),
  /** A possible duplicate whose matches the importer's duplicate budget did not cover: none are named. */
  matchesHidden: z.boolean().optional(),
  /** Whether contacts can be merged into a customer the importer may see. */
  canMerge: z.boolean(),
});
export const ImportRowList = pageOf(ImportRowResult);
export const ImportRowQuery = z.strictObject({
  outcome: z.enum(importOutcomes).optional(),
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
});
export const ImportReportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
