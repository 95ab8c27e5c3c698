import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The tables as TypeScript sees them (migrations/0001-initial.ts makes them): Kysely checks every
 * query's tables, columns and results against this. Column names are the database's (snake_case).
 * `bigint` columns come back as numbers (pg-types.ts), `date` columns as 'YYYY-MM-DD' strings.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  cases: CasesTable;
  case_runs: CaseRunsTable;
  decisions: DecisionsTable;
  change_requests: ChangeRequestsTable;
  audit: AuditTable;
  sla_digests: SlaDigestsTable;
}

export type Role = 'clerk' | 'checker' | 'admin' | 'viewer';
export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type CaseState = 'open' | 'proposed' | 'confirmed' | 'dismissed' | 'resolved' | 'superseded';
export type FlagStatus = 'new' | 'recurring' | 'confirmed' | 'dismissed' | 'resolved' | 'superseded';
export type DecisionKind = 'confirm' | 'dismiss' | 'escalate';
/** withdrawn: a pending proposal whose case a later run closed (0004-g-withdrawn-and-rejected.ts). */
export type DecisionStatus = 'pending' | 'approved' | 'rejected' | 'effective' | 'withdrawn';
export type ReasonCode = '已核实一致' | '登记机关数据滞后' | '客户已提交变更' | '其他';
export type ChangeRequestState = 'preparing' | 'prepared' | 'approved' | 'rejected' | 'submitting' | 'submitted' | 'failed';
/** The fields a change request may write back. */
export type WritableField = 'name' | 'legalRepresentative' | 'address' | 'registeredCapital' | 'businessScope' | 'licenseExpiry';

/** A JSON value as stored in a jsonb column. */
export type Json = ColumnType<JsonValue, JsonValue, JsonValue>;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** `timestamptz`: a Date read, a Date or ISO string written; the database's now() by default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date`: 'YYYY-MM-DD'. */
type DateOnly = ColumnType<string, string, string>;

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: Role;
  branches: ColumnType<string[], string[] | undefined, string[]>;
  password_hash: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  sid: string;
  sess: Json;
  expire: ColumnType<Date, Date | string, Date | string>;
}

export interface CasesTable {
  id: Generated<number>;
  source_job: string;
  account_no: string;
  field: string;
  branch: string;
  severity: Severity;
  /** 0 critical … 3 low, computed by the database. */
  severity_rank: ColumnType<number, never, never>;
  fingerprint: string;
  state: ColumnType<CaseState, CaseState | undefined, CaseState>;
  bank_value: ColumnType<string, string | undefined, string>;
  registry_value: ColumnType<string, string | undefined, string>;
  flag: ColumnType<JsonValue, JsonValue | undefined, JsonValue>;
  escalated_at: NullableTimestamp;
  due_on: DateOnly;
  dismissed_until: ColumnType<string | null, string | null | undefined, string | null>;
  opened_by_run: string;
  closed_by_run: ColumnType<string | null, string | null | undefined, string | null>;
  superseded_by: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface CaseRunsTable {
  case_id: number;
  run_id: string;
  flag_status: FlagStatus;
  flag: ColumnType<JsonValue | null, JsonValue | null | undefined, JsonValue | null>;
  attached_at: Timestamp;
}

export interface DecisionsTable {
  id: Generated<number>;
  case_id: number;
  kind: DecisionKind;
  proposed_by: string;
  proposed_at: Timestamp;
  action: ColumnType<string | null, string | null | undefined, string | null>;
  reason_code: ColumnType<ReasonCode | null, ReasonCode | null | undefined, ReasonCode | null>;
  comment: string;
  status: DecisionStatus;
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_at: NullableTimestamp;
  review_comment: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ChangeRequestsTable {
  id: Generated<number>;
  case_id: number;
  field: WritableField;
  new_value: string;
  state: ChangeRequestState;
  prepared_by: string;
  prepared_at: Timestamp;
  screenshot: ColumnType<string | null, string | null | undefined, string | null>;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  approved_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  request_no: ColumnType<string | null, string | null | undefined, string | null>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  /** The checker who rejected it, when, and why (0004-g-withdrawn-and-rejected.ts). */
  rejected_by: ColumnType<string | null, string | null | undefined, string | null>;
  rejected_at: NullableTimestamp;
  review_comment: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

/** Rows are only ever inserted (the database refuses UPDATE and DELETE). */
export interface AuditTable {
  id: Generated<number>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor: ColumnType<string, string, never>;
  action: ColumnType<string, string, never>;
  subject: ColumnType<string, string, never>;
  before: ColumnType<JsonValue | null, JsonValue | null | undefined, never>;
  after: ColumnType<JsonValue | null, JsonValue | null | undefined, never>;
  hash: ColumnType<string, string, never>;
}

/** The SLA digest's ledger (0002-f-digests.ts): one row per (day, channel). */
export interface SlaDigestsTable {
  day: DateOnly;
  channel: string;
  state: 'sending' | 'sent';
  claimed_at: Timestamp;
  sent_at: NullableTimestamp;
  info: ColumnType<JsonValue | null, JsonValue | null | undefined, JsonValue | null>;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Case = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
export type CaseUpdate = Updateable<CasesTable>;
export type CaseRun = Selectable<CaseRunsTable>;
export type Decision = Selectable<DecisionsTable>;
export type NewDecision = Insertable<DecisionsTable>;
export type ChangeRequest = Selectable<ChangeRequestsTable>;
export type AuditRow = Selectable<AuditTable>;
export type NewAuditRow = Insertable<AuditTable>;
