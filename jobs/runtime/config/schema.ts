import { z } from 'zod';

/** Credentials and address of one portal. Fixture runs fill these from the fixture server. */
export const PortalSettings = z.object({
  url: z.string().url().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
});
export type PortalSettings = z.infer<typeof PortalSettings>;

/** A comma-separated list from the environment, or an array from the config file. */
const addressList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.email()),
);
const positiveInt = z.coerce.number().int().positive();

/** `host:port,host:port` from the environment, or an array of `host:port` from the config file. */
const sentinelList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z
    .array(
      z.string().transform((entry, ctx) => {
        const m = /^(\[[0-9a-fA-F:]+\]|[^\s:]+):(\d{1,5})$/.exec(entry);
        const port = Number(m?.[2]);
        if (!m || port < 1 || port > 65_535) {
          ctx.addIssue({ code: 'custom', message: `${JSON.stringify(entry)} is not host:port` });
          return z.NEVER;
        }
        return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
      }),
    )
    .min(1, 'expected host:port,host:port,…'),
);

/**
 * The whole configuration, one schema, parsed once at start. Each field says its environment
 * variable; a config file (JSON, `OPSBOT_CONFIG` or `./opsbot.config.json`) gives the same keys.
 */
export const ConfigSchema = z.object({
  /** REDIS_URL: an existing Redis. Unset (and no REDIS_SENTINELS) → a private redis-server child per command. */
  redisUrl: z.string().url().optional(),
  /**
   * REDIS_SENTINELS=host:port,host:port,…: reach Redis through Sentinel (high availability); every
   * connection asks the sentinels for the current primary of REDIS_SENTINEL_NAME, so a failover is
   * followed without a restart. Excludes REDIS_URL; no private redis-server is started.
   */
  redisSentinels: sentinelList.optional(),
  /** REDIS_SENTINEL_NAME: the primary's name in the sentinels' configuration (`sentinel monitor <name> …`). */
  redisSentinelName: z.string().min(1).optional(),
  /** REDIS_SENTINEL_PASSWORD: the sentinels' own password (their `requirepass`), when they have one. */
  redisSentinelPassword: z.string().min(1).optional(),
  /** REDIS_PASSWORD: the Redis servers' password (with Sentinel; with REDIS_URL the URL's own password wins). */
  redisPassword: z.string().min(1).optional(),
  /**
   * DATABASE_URL: an existing PostgreSQL (`postgres://user:password@host:port/db`), whose user owns
   * the schema. Unset → a private PostgreSQL server per command, data under var/postgres.
   */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL').optional(),
  /** OPSBOT_VAR_DIR: where runs, Redis and PostgreSQL data, the outbox and logs live. */
  varDir: z.string().min(1).default('var'),
  /** OPSBOT_RUNS_DIR: the run store root (share it between machines for several workers). */
  runsDir: z.string().min(1).optional(),
  /** OPSBOT_OUTBOX_DIR: delivered reports are copied here. */
  outboxDir: z.string().min(1).optional(),
  /** OPSBOT_QUEUE_PREFIX: BullMQ key prefix (tests use their own). */
  queuePrefix: z.string().min(1).default('opsbot'),
  /** OPSBOT_LOG_LEVEL */
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** CHROMIUM_PATH: a Chromium to use when Playwright's own browser is not installed. */
  chromiumPath: z.string().optional(),
  /** OPSBOT_EXTRACT_ATTEMPTS: tries of one extraction (system faults are retried with backoff) before its source counts as missing. */
  extractAttempts: positiveInt.default(3),
  /** OPSBOT_ADMIN: who an admin command acts as in the audit log (default: the OS user). */
  adminName: z.string().min(1).optional(),
  /** OPSBOT_FIXTURE_PASSWORD: the fixture portals' password for `opsbot fixtures` (default: a fresh random one). */
  fixturePassword: z.string().min(1).optional(),
  /** OPSBOT_SECRETS_FILE: JSON with portal credentials; refused unless mode 0600. */
  secretsFile: z.string().optional(),
  /** OPSBOT_PRIVATE_FILES=false lets run folders be group/world readable (default owner-only). */
  privateFiles: z.boolean().default(true),
  /** OPSBOT_SMTP_HOST: mail server for reports and alerts; unset → no e-mail (outbox only). */
  smtpHost: z.string().min(1).optional(),
  /** OPSBOT_SMTP_PORT */
  smtpPort: positiveInt.default(25),
  /** OPSBOT_SMTP_SECURE: TLS from the start (port 465); otherwise STARTTLS when offered. */
  smtpSecure: z.preprocess((v) => (typeof v === 'string' ? /^(1|true|yes|on)$/i.test(v) : v), z.boolean()).default(false),
  /** OPSBOT_SMTP_USER / OPSBOT_SMTP_PASSWORD: SMTP login, when the server wants one. */
  smtpUser: z.string().optional(),
  smtpPassword: z.string().optional(),
  /** OPSBOT_MAIL_FROM: sender of reports and alerts. */
  mailFrom: z.string().min(3).default('opsbot@localhost'),
  /** OPSBOT_REPORT_RECIPIENTS: who receives the reports (comma-separated). */
  reportRecipients: addressList.default([]),
  /** OPSBOT_ADMIN_RECIPIENTS: who receives alerts (failed / partial / skipped runs). */
  adminRecipients: addressList.default([]),
  /** OPSBOT_WEBHOOK_URL: optional POST of each delivered run (JSON). */
  webhookUrl: z.string().url().optional(),
  /** OPSBOT_ALERT_WEBHOOK_URL: optional POST of each alert (JSON). */
  alertWebhookUrl: z.string().url().optional(),
  // `opsbot web` and `opsbot dashboard` (users log in with the database's users, `opsbot users`).
  /**
   * OPSBOT_WEB_PUBLIC_URL: the https:// address of the TLS reverse proxy in front, when there is
   * one: its Host is accepted and cookies are Secure. `--public-url` overrides it.
   */
  webPublicUrl: z.string().regex(/^https?:\/\/[^/?#@]+\/?$/, 'expected http(s)://host[:port] with no path').optional(),
  /** OPSBOT_WEB_IDLE_MINUTES: a session unused this long is gone (each request renews it). */
  webIdleMinutes: positiveInt.default(30),
  /** OPSBOT_WEB_MAX_SESSION_HOURS: a session ends this long after login, however active. */
  webMaxSessionHours: positiveInt.default(8),
  /**
   * OPSBOT_WEB_SESSION_SECRET: signs session cookies (32+ characters). Needed when instances on
   * several hosts share the database; unset, one key is kept in var/web-session-secret.
   */
  webSessionSecret: z.string().min(32).optional(),
  /** OPSBOT_RETENTION_DAYS: run folders older than this are pruned by housekeeping. */
  retentionDays: positiveInt.default(90),
  /** OPSBOT_FAILED_RETENTION_DAYS: failed / partial runs (with their evidence) are kept this long. */
  failedRetentionDays: positiveInt.default(365),
  /** OPSBOT_WORKER_LOCK_MS: how long a worker's job lock lasts without renewal (a dead worker's job returns after it). */
  workerLockMs: positiveInt.default(60_000),
  /** OPSBOT_STALLED_INTERVAL_MS: how often workers look for jobs whose worker died. */
  stalledIntervalMs: positiveInt.default(15_000),
  /**
   * OPSBOT_COMPUTE_MISSING_HISTORY=false: a report whose earlier business days have no run shows
   * "—" for them. By default the run extracts those days too and computes their figures.
   */
  computeMissingHistory: z.boolean().default(true),
  // Limits on an accounts file (`--input`, a portal export): a hostile or broken file is refused
  // (exit 2, naming the limit) instead of taking the process's time, memory or disk. The defaults
  // take the project's large files (1,000,000-row CSV of 120 MB; the portal's 100,000-row export
  // unpacks to 68 MB of sheet XML) with room to spare.
  /** OPSBOT_INPUT_MAX_FILE_BYTES: size of the file itself. */
  inputMaxFileBytes: positiveInt.default(1024 ** 3),
  /** OPSBOT_INPUT_MAX_UNZIPPED_BYTES: an .xlsx's parts as read, unpacked, all together (zip bombs). */
  inputMaxUnzippedBytes: positiveInt.default(1024 ** 3),
  /**
   * OPSBOT_INPUT_MAX_XLSX_TABLE_BYTES: what an .xlsx makes the reader hold while its rows stream
   * (shared strings, styles, merged-cell list), unpacked; it costs about 3× in memory. Excel saves
   * 100,000 accounts with 13 MB of shared strings.
   */
  inputMaxXlsxTableBytes: positiveInt.default(64 * 1024 ** 2),
  /** OPSBOT_INPUT_MAX_CELL_CHARS: characters in one cell (Excel's own limit is 32,767). */
  inputMaxCellChars: positiveInt.default(32_767),
  /** OPSBOT_INPUT_MAX_CELLS_PER_ROW: the rightmost column with a value (and what merged cells fill). */
  inputMaxCellsPerRow: positiveInt.default(1_000),
  // The review workbench (../shared/spec/review-workbench.md): a case's due date is its creation
  // day plus these working days on the business calendar, by severity.
  /** OPSBOT_SLA_DAYS_CRITICAL */
  slaDaysCritical: positiveInt.default(1),
  /** OPSBOT_SLA_DAYS_HIGH */
  slaDaysHigh: positiveInt.default(5),
  /** OPSBOT_SLA_DAYS_MEDIUM */
  slaDaysMedium: positiveInt.default(20),
  /** OPSBOT_SLA_DAYS_LOW */
  slaDaysLow: positiveInt.default(60),
  /** OPSBOT_DISMISSAL_EXPIRY_DAYS: a dismissal holds this many calendar days, unless the values change first. */
  dismissalExpiryDays: positiveInt.default(365),
  /** OPSBOT_FOUR_EYES_SEVERITIES: severities whose proposals take effect only once another user (a checker) approves (comma-separated). */
  fourEyesSeverities: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(z.enum(['critical', 'high', 'medium', 'low'])),
  ).default(['critical', 'high']),
  /** OPSBOT_SLA_DIGEST_RECIPIENTS: the checkers' addresses for the daily digest of overdue critical / high cases (comma-separated). */
  slaDigestRecipients: addressList.default([]),
  /**
   * OPSBOT_SLA_DIGEST_CRON: when `opsbot scheduler` sends that digest (Asia/Shanghai, working days
   * only). Hourly in office hours: the first tick sends, later ones retry what failed and send nothing twice.
   */
  slaDigestCron: z.string().min(9).default('0 9-17 * * *'),
  /** OPSBOT_PORTAL_<ID>_URL / _USERNAME / _PASSWORD, e.g. OPSBOT_PORTAL_CORE_BANKING_PASSWORD. */
  portals: z.record(z.string(), PortalSettings).default({}),
}).superRefine((cfg, ctx) => {
  // Sentinel needs both halves, and one Redis only: a REDIS_URL beside it would split the queues.
  if (cfg.redisSentinels && cfg.redisUrl) ctx.addIssue({ code: 'custom', path: ['redisSentinels'], message: 'set either REDIS_URL or REDIS_SENTINELS, not both' });
  if (cfg.redisSentinels && !cfg.redisSentinelName) ctx.addIssue({ code: 'custom', path: ['redisSentinelName'], message: 'required with REDIS_SENTINELS (the name the sentinels monitor)' });
  if (!cfg.redisSentinels && cfg.redisSentinelName) ctx.addIssue({ code: 'custom', path: ['redisSentinels'], message: 'required with REDIS_SENTINEL_NAME (host:port,host:port,…)' });
});
export type Config = z.infer<typeof ConfigSchema>;
