import { sql, type Kysely } from 'kysely';

/**
 * The review workbench's tables (../shared/spec/review-workbench.md): users, sessions, cases and
 * the runs they were seen in, decisions, change requests, and the append-only audit; the role the
 * app acts as (`opsbot_app`) and what it may do.
 *
 * Conventions for later migrations: snake_case names; every table a page lists gets the index of
 * its filters and sort; grant `opsbot_app` exactly what it needs on each new table (nothing is
 * granted by default), and never UPDATE or DELETE on the audit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit', 'change_requests', 'decisions', 'case_runs', 'cases', 'sessions', 'users']) {
    await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
  }
  await sql.raw('DROP FUNCTION IF EXISTS audit_is_append_only()').execute(db);
}

const SEVERITIES = `('critical', 'high', 'medium', 'low')`;
/** The spec's dismissal reason codes. */
const REASON_CODES = `('已核实一致', '登记机关数据滞后', '客户已提交变更', '其他')`;
/** Case states: the four of the spec's lifecycle, `resolved` by a run, `superseded` when the values changed. */
const CASE_STATES = `('open', 'proposed', 'confirmed', 'dismissed', 'resolved', 'superseded')`;
/** States in which a case is the one case of its (job, account, field). */
const LIVE_STATES = `('open', 'proposed', 'confirmed', 'dismissed')`;

const UP = [
  `CREATE TABLE users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 64 AND name !~ '[[:space:][:cntrl:]]'),
    role text NOT NULL CHECK (role IN ('clerk', 'checker', 'admin', 'viewer')),
    -- 开户网点 the user works for; empty = all branches.
    branches text[] NOT NULL DEFAULT '{}',
    -- argon2id or scrypt, in its own self-describing string form (algorithm, parameters, salt).
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,

  // express-session's store; the columns of connect-pg-simple (with tableName 'sessions').
  `CREATE TABLE sessions (
    sid text PRIMARY KEY,
    sess jsonb NOT NULL,
    expire timestamptz NOT NULL
  )`,
  `CREATE INDEX sessions_expire_idx ON sessions (expire)`,

  `CREATE TABLE cases (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_job text NOT NULL,
    account_no text NOT NULL,
    field text NOT NULL,
    -- 开户网点 of the account: what a clerk's branches are matched against.
    branch text NOT NULL,
    severity text NOT NULL CHECK (severity IN ${SEVERITIES}),
    -- The queue's order: critical first.
    severity_rank smallint GENERATED ALWAYS AS (CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END) STORED,
    -- sha256 (hex) of the normalised bank and registry values (the spec's fingerprint).
    fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    state text NOT NULL DEFAULT 'open' CHECK (state IN ${CASE_STATES}),
    bank_value text NOT NULL DEFAULT '',
    registry_value text NOT NULL DEFAULT '',
    -- The flag as the run that opened the case wrote it (message, rule, evidence, …).
    flag jsonb NOT NULL DEFAULT '{}',
    escalated_at timestamptz,
    due_on date NOT NULL,
    -- A dismissal holds until the values change or until this day (config, default 365 days).
    dismissed_until date,
    opened_by_run text NOT NULL,
    -- The run that resolved or superseded it.
    closed_by_run text,
    superseded_by bigint REFERENCES cases (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Optimistic concurrency: every change is UPDATE … WHERE id = $1 AND version = $2, version + 1;
    -- no row updated = someone else changed the case since the page was loaded.
    version integer NOT NULL DEFAULT 1,
    CONSTRAINT cases_superseded_by_when_superseded CHECK (superseded_by IS NULL OR state = 'superseded')
  )`,
  // One live case per (job, account, field); closed ones stay as history.
  `CREATE UNIQUE INDEX cases_live_idx ON cases (source_job, account_no, field) WHERE state IN ${LIVE_STATES}`,
  // The queue: filtered by state (and severity), or by branch and state, sorted by severity then due date.
  `CREATE INDEX cases_queue_idx ON cases (state, severity_rank, due_on, id)`,
  `CREATE INDEX cases_branch_queue_idx ON cases (branch, state, severity_rank, due_on, id)`,
  `CREATE INDEX cases_field_idx ON cases (field, state)`,
  // Overdue cases (the daily digest, the overdue filter).
  `CREATE INDEX cases_due_idx ON cases (due_on) WHERE state IN ('open', 'proposed')`,
  // The account's earlier flags and decisions.
  `CREATE INDEX cases_account_idx ON cases (account_no, source_job)`,

  // Which runs saw each case, and what the run's flag said (null: no flag — resolved).
  `CREATE TABLE case_runs (
    case_id bigint NOT NULL REFERENCES cases (id),
    run_id text NOT NULL,
    flag_status text NOT NULL CHECK (flag_status IN ('new', 'recurring', 'confirmed', 'dismissed', 'resolved', 'superseded')),
    flag jsonb,
    attached_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, run_id)
  )`,
  `CREATE INDEX case_runs_run_idx ON case_runs (run_id)`,

  // A clerk's proposal (confirm / dismiss) or an escalation, and the checker's answer.
  `CREATE TABLE decisions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id bigint NOT NULL REFERENCES cases (id),
    kind text NOT NULL CHECK (kind IN ('confirm', 'dismiss', 'escalate')),
    proposed_by text NOT NULL REFERENCES users (name),
    proposed_at timestamptz NOT NULL DEFAULT now(),
    -- confirm: the remediation action (ops guide's table).
    action text,
    reason_code text CHECK (reason_code IN ${REASON_CODES}),
    comment text NOT NULL CHECK (char_length(btrim(comment)) > 0),
    -- pending: waits for a checker; effective: took effect without one (or an escalation).
    status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'effective')),
    reviewed_by text REFERENCES users (name),
    reviewed_at timestamptz,
    review_comment text,
    CONSTRAINT decisions_confirm_has_action CHECK (kind <> 'confirm' OR action IS NOT NULL),
    CONSTRAINT decisions_dismiss_has_reason CHECK (kind <> 'dismiss' OR (reason_code IS NOT NULL AND char_length(btrim(comment)) >= 5)),
    -- Four eyes, kept by the database too: nobody reviews their own proposal.
    CONSTRAINT decisions_four_eyes CHECK (reviewed_by IS NULL OR reviewed_by <> proposed_by),
    CONSTRAINT decisions_answer_has_reviewer CHECK ((status IN ('approved', 'rejected')) = (reviewed_by IS NOT NULL))
  )`,
  `CREATE INDEX decisions_case_idx ON decisions (case_id, proposed_at)`,
  `CREATE INDEX decisions_pending_idx ON decisions (proposed_at) WHERE status = 'pending'`,

  // Write-back into core banking (the spec's "change requests"): prepared, approved by another, submitted once.
  `CREATE TABLE change_requests (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id bigint NOT NULL REFERENCES cases (id),
    field text NOT NULL CHECK (field IN ('name', 'legalRepresentative', 'address', 'registeredCapital', 'businessScope', 'licenseExpiry')),
    new_value text NOT NULL,
    state text NOT NULL CHECK (state IN ('preparing', 'prepared', 'approved', 'rejected', 'submitting', 'submitted', 'failed')),
    prepared_by text NOT NULL REFERENCES users (name),
    prepared_at timestamptz NOT NULL DEFAULT now(),
    -- The filled form as it would be sent (a run-store path).
    screenshot text,
    approved_by text REFERENCES users (name),
    approved_at timestamptz,
    submitted_at timestamptz,
    -- 申请编号 the portal returned.
    request_no text,
    -- The portal's message when it refused the request.
    error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    CONSTRAINT change_requests_four_eyes CHECK (approved_by IS NULL OR approved_by <> prepared_by),
    CONSTRAINT change_requests_submitted_has_number CHECK (state <> 'submitted' OR request_no IS NOT NULL)
  )`,
  // At most one request in flight per case (exactly-once filing starts here).
  `CREATE UNIQUE INDEX change_requests_active_idx ON change_requests (case_id) WHERE state IN ('preparing', 'prepared', 'approved', 'submitting')`,
  `CREATE INDEX change_requests_state_idx ON change_requests (state, prepared_at)`,

  // Append-only and hash-chained: hash = sha256(previous row's hash + this row's canonical JSON),
  // rows in id order. Writers serialise appends with an advisory lock (pg_advisory_xact_lock):
  // the app role may not take a table lock stronger than ROW EXCLUSIVE.
  `CREATE TABLE audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    -- A user name, or 'system'.
    actor text NOT NULL,
    action text NOT NULL,
    subject text NOT NULL,
    before jsonb,
    after jsonb,
    hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
  )`,
  `CREATE INDEX audit_at_idx ON audit (at)`,
  // Refused for everyone, the owner included (a hand edit for a test must disable the trigger first,
  // which only the owner can).
  `CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'the audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$`,
  `CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_is_append_only()`,
  `CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only()`,

  // The role the web app and the workers act as (SET ROLE at connect, see open-database.ts). A
  // cluster-wide name, created once; a DBA who gives opsbot a role without CREATEROLE creates it.
  `DO $$
  BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opsbot_app') THEN
      BEGIN
        CREATE ROLE opsbot_app NOLOGIN;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'opsbot needs the database role opsbot_app and % may not create it: as a superuser run CREATE ROLE opsbot_app NOLOGIN; GRANT opsbot_app TO %;', current_user, current_user;
      END;
    END IF;
    IF NOT pg_has_role(current_user, 'opsbot_app', 'MEMBER') THEN
      EXECUTE format('GRANT opsbot_app TO %I', current_user);
    END IF;
  END
  $$`,
  `GRANT SELECT, INSERT, UPDATE ON users, cases, case_runs, decisions, change_requests TO opsbot_app`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO opsbot_app`,
  `GRANT SELECT, INSERT ON audit TO opsbot_app`,
];
