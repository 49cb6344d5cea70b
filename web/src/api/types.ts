// Types inferred from the shared zod contract; no hand-written duplicates.
import type { z } from 'zod';
import type { Me as MeSchema, SetupStatus as SetupStatusSchema, SetupRequest, ChangePasswordRequest, LoginRequest } from '../../../common/schemas/auth.js';
import type { User as UserSchema, UserSummary as UserSummarySchema, CreateUserRequest, UpdateUserRequest, UserListQuery } from '../../../common/schemas/users.js';
import type { AuditEntry as AuditEntrySchema, AuditQuery as AuditQuerySchema, Change as ChangeSchema } from '../../../common/schemas/audit.js';
import type { pageOf } from '../../../common/schemas/common.js';

export type Me = z.infer<typeof MeSchema>;
export type SetupStatus = z.infer<typeof SetupStatusSchema>;
export type SetupInput = z.input<typeof SetupRequest>;
export type LoginInput = z.input<typeof LoginRequest>;
export type ChangePasswordInput = z.input<typeof ChangePasswordRequest>;
export type User = z.infer<typeof UserSchema>;
export type UserSummary = z.infer<typeof UserSummarySchema>;
export type CreateUserInput = z.input<typeof CreateUserRequest>;
export type UpdateUserInput = z.input<typeof UpdateUserRequest>;
export type UserListParams = z.infer<typeof UserListQuery>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditChange = z.infer<typeof ChangeSchema>;
export type AuditParams = z.infer<typeof AuditQuerySchema>;
export type Page<T> = Omit<z.infer<ReturnType<typeof pageOf>>, 'items'> & { items: T[] };

import type {
  Customer as CustomerSchema,
  CustomerStatus as CustomerStatusSchema,
  CustomerListQuery as CustomerListQuerySchema,
  CreateCustomerRequest,
  UpdateCustomerRequest,
  TransferResult as TransferResultSchema,
  GenericKeyword as GenericKeywordSchema,
} from '../../../common/schemas/customers.js';
import type {
  DuplicateMatch as DuplicateMatchSchema,
  DuplicateGroup as DuplicateGroupSchema,
  DuplicateGroupCustomer as DuplicateGroupCustomerSchema,
  MergePreview as MergePreviewSchema,
  MergeRequest as MergeRequestSchema,
  duplicateReasons as duplicateReasonList,
} from '../../../common/schemas/duplicates.js';

export type Customer = z.infer<typeof CustomerSchema>;
export type CustomerStatus = z.infer<typeof CustomerStatusSchema>;
export type CustomerListParams = z.infer<typeof CustomerListQuerySchema>;
export type CreateCustomerInput = z.input<typeof CreateCustomerRequest>;
export type UpdateCustomerInput = z.input<typeof UpdateCustomerRequest>;
export type DuplicateMatch = z.infer<typeof DuplicateMatchSchema>;
export type DuplicateReason = (typeof duplicateReasonList)[number];
export type DuplicateGroup = z.infer<typeof DuplicateGroupSchema>;
export type DuplicateGroupCustomer = z.infer<typeof DuplicateGroupCustomerSchema>;
export type MergePreview = z.infer<typeof MergePreviewSchema>;
export type MergeInput = z.input<typeof MergeRequestSchema>;
export type TransferResult = z.infer<typeof TransferResultSchema>;
export type GenericKeyword = z.infer<typeof GenericKeywordSchema>;

import type {
  ServiceRequest as ServiceRequestSchema,
  CreateServiceRequest,
  UpdateServiceRequest,
  DeskUpdateRequest,
  DeskQuery as DeskQuerySchema,
  DeskItem as DeskItemSchema,
  serviceStatuses as serviceStatusList,
  servicePriorities as servicePriorityList,
  serviceChannels as serviceChannelList,
} from '../../../common/schemas/service-requests.js';

export type ServiceRequest = z.infer<typeof ServiceRequestSchema>;
export type CreateServiceRequestInput = z.input<typeof CreateServiceRequest>;
export type UpdateServiceRequestInput = z.input<typeof UpdateServiceRequest>;
export type DeskUpdateInput = z.input<typeof DeskUpdateRequest>;
export type DeskParams = z.infer<typeof DeskQuerySchema>;
export type DeskItem = z.infer<typeof DeskItemSchema>;
export type ServiceStatus = (typeof serviceStatusList)[number];
export type ServicePriority = (typeof servicePriorityList)[number];
export type ServiceChannel = (typeof serviceChannelList)[number];

import type { Contact as ContactSchema, CreateContactRequest, UpdateContactRequest } from '../../../common/schemas/contacts.js';
import type {
  LogEntry as LogEntrySchema,
  FollowUp as FollowUpSchema,
  Activity as ActivitySchema,
  CreateFollowUpRequest,
  UpdateFollowUpRequest,
  DueFollowUp as DueFollowUpSchema,
  followUpMethods as followUpMethodList,
} from '../../../common/schemas/activities.js';
import type {
  Delegation as DelegationSchema,
  CreateDelegationRequest,
  DelegationQuery as DelegationQuerySchema,
  ActiveGrant as ActiveGrantSchema,
} from '../../../common/schemas/delegations.js';

export type Contact = z.infer<typeof ContactSchema>;
export type CreateContactInput = z.input<typeof CreateContactRequest>;
export type UpdateContactInput = z.input<typeof UpdateContactRequest>;
export type LogEntry = z.infer<typeof LogEntrySchema>;
export type FollowUp = z.infer<typeof FollowUpSchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type CreateFollowUpInput = z.input<typeof CreateFollowUpRequest>;
export type UpdateFollowUpInput = z.input<typeof UpdateFollowUpRequest>;
export type FollowUpMethod = (typeof followUpMethodList)[number];
export type DueFollowUp = z.infer<typeof DueFollowUpSchema>;
export type Delegation = z.infer<typeof DelegationSchema>;
export type CreateDelegationInput = z.input<typeof CreateDelegationRequest>;
export type DelegationParams = z.infer<typeof DelegationQuerySchema>;
export type ActiveGrant = z.infer<typeof ActiveGrantSchema>;

import type {
  Supplier as SupplierSchema,
  SupplierQuery as SupplierQuerySchema,
  CreateSupplierRequest,
  UpdateSupplierRequest,
} from '../../../common/schemas/suppliers.js';
import type {
  Product as ProductSchema,
  ProductQuery as ProductQuerySchema,
  CreateProductRequest,
  UpdateProductRequest,
} from '../../../common/schemas/products.js';
import type {
  Quote as QuoteSchema,
  QuoteLine as QuoteLineSchema,
  CreateQuoteRequest,
  UpdateQuoteRequest,
  quoteStatuses as quoteStatusList,
} from '../../../common/schemas/quotes.js';
import type {
  Purchase as PurchaseSchema,
  CreatePurchaseRequest,
  UpdatePurchaseRequest,
  Payment as PaymentSchema,
  CreatePaymentRequest,
  AnnualFeePayment as AnnualFeePaymentSchema,
  CreateAnnualFeePaymentRequest,
} from '../../../common/schemas/purchases.js';
import type {
  AnnualFeeRow as AnnualFeeRowSchema,
  AnnualFeeReport as AnnualFeeReportSchema,
  AnnualFeeQuery as AnnualFeeQuerySchema,
  ArrearsRow as ArrearsRowSchema,
  ArrearsReport as ArrearsReportSchema,
  ArrearsQuery as ArrearsQuerySchema,
  Charts as ChartsSchema,
  Dashboard as DashboardSchema,
} from '../../../common/schemas/reports.js';

export type Supplier = z.infer<typeof SupplierSchema>;
export type SupplierParams = z.infer<typeof SupplierQuerySchema>;
export type CreateSupplierInput = z.input<typeof CreateSupplierRequest>;
export type UpdateSupplierInput = z.input<typeof UpdateSupplierRequest>;
export type Product = z.infer<typeof ProductSchema>;
export type ProductParams = z.infer<typeof ProductQuerySchema>;
export type CreateProductInput = z.input<typeof CreateProductRequest>;
export type UpdateProductInput = z.input<typeof UpdateProductRequest>;
export type Quote = z.infer<typeof QuoteSchema>;
export type QuoteLine = z.infer<typeof QuoteLineSchema>;
export type QuoteStatus = (typeof quoteStatusList)[number];
export type CreateQuoteInput = z.input<typeof CreateQuoteRequest>;
export type UpdateQuoteInput = z.input<typeof UpdateQuoteRequest>;
export type Purchase = z.infer<typeof PurchaseSchema>;
export type CreatePurchaseInput = z.input<typeof CreatePurchaseRequest>;
export type UpdatePurchaseInput = z.input<typeof UpdatePurchaseRequest>;
export type Payment = z.infer<typeof PaymentSchema>;
export type PaymentMethod = NonNullable<Payment['method']>;
export type CreatePaymentInput = z.input<typeof CreatePaymentRequest>;
export type AnnualFeePayment = z.infer<typeof AnnualFeePaymentSchema>;
export type CreateAnnualFeePaymentInput = z.input<typeof CreateAnnualFeePaymentRequest>;
export type AnnualFeeRow = z.infer<typeof AnnualFeeRowSchema>;
export type AnnualFeeReport = z.infer<typeof AnnualFeeReportSchema>;
export type AnnualFeeParams = Omit<z.infer<typeof AnnualFeeQuerySchema>, 'format'>;
export type ArrearsRow = z.infer<typeof ArrearsRowSchema>;
export type ArrearsReport = z.infer<typeof ArrearsReportSchema>;
export type ArrearsParams = Omit<z.infer<typeof ArrearsQuerySchema>, 'format'>;
export type Charts = z.infer<typeof ChartsSchema>;
export type Dashboard = z.infer<typeof DashboardSchema>;

import type {
  Import as ImportSchema,
  UploadedImport as UploadedImportSchema,
  ImportRowResult as ImportRowResultSchema,
  ImportField as ImportFieldType,
  ValidateImportRequest,
  CommitImportRequest,
  duplicateActions as duplicateActionList,
  importOutcomes as importOutcomeList,
} from '../../../common/schemas/imports.js';

export type Import = z.infer<typeof ImportSchema>;
export type UploadedImport = z.infer<typeof UploadedImportSchema>;
export type ImportRowResult = z.infer<typeof ImportRowResultSchema>;
export type ImportField = ImportFieldType;
export type ValidateImportInput = z.input<typeof ValidateImportRequest>;
export type CommitImportInput = z.input<typeof CommitImportRequest>;
export type DuplicateAction = (typeof duplicateActionList)[number];
export type ImportOutcome = (typeof importOutcomeList)[number];
