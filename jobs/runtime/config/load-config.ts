import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error';
import { jsonErrorLocation } from './json-location';
import { ConfigSchema, type Config } from './schema';

/** Maps each top-level config key to its environment variable, for reading and for messages. */
const ENV_NAMES: Record<string, string> = {
  redisUrl: 'REDIS_URL',
  redisSentinels: 'REDIS_SENTINELS',
  redisSentinelName: 'REDIS_SENTINEL_NAME',
  redisSentinelPassword: 'REDIS_SENTINEL_PASSWORD',
  redisPassword: 'REDIS_PASSWORD',
  databaseUrl: 'DATABASE_URL',
  varDir: 'OPSBOT_VAR_DIR',
  runsDir: 'OPSBOT_RUNS_DIR',
  outboxDir: 'OPSBOT_OUTBOX_DIR',
  queuePrefix: 'OPSBOT_QUEUE_PREFIX',
  logLevel: 'OPSBOT_LOG_LEVEL',
  chromiumPath: 'CHROMIUM_PATH',
  extractAttempts: 'OPSBOT_EXTRACT_ATTEMPTS',
  adminName: 'OPSBOT_ADMIN',
  fixturePassword: 'OPSBOT_FIXTURE_PASSWORD',
  secretsFile: 'OPSBOT_SECRETS_FILE',
  privateFiles: 'OPSBOT_PRIVATE_FILES',
  smtpHost: 'OPSBOT_SMTP_HOST',
  smtpPort: 'OPSBOT_SMTP_PORT',
  smtpSecure: 'OPSBOT_SMTP_SECURE',
  smtpUser: 'OPSBOT_SMTP_USER',
  smtpPassword: 'OPSBOT_SMTP_PASSWORD',
  mailFrom: 'OPSBOT_MAIL_FROM',
  reportRecipients: 'OPSBOT_REPORT_RECIPIENTS',
  adminRecipients: 'OPSBOT_ADMIN_RECIPIENTS',
  webhookUrl: 'OPSBOT_WEBHOOK_URL',
  alertWebhookUrl: 'OPSBOT_ALERT_WEBHOOK_URL',
  webPublicUrl: 'OPSBOT_WEB_PUBLIC_URL',
  webIdleMinutes: 'OPSBOT_WEB_IDLE_MINUTES',
  webMaxSessionHours: 'OPSBOT_WEB_MAX_SESSION_HOURS',
  webSessionSecret: 'OPSBOT_WEB_SESSION_SECRET',
  retentionDays: 'OPSBOT_RETENTION_DAYS',
  failedRetentionDays: 'OPSBOT_FAILED_RETENTION_DAYS',
  workerLockMs: 'OPSBOT_WORKER_LOCK_MS',
  stalledIntervalMs: 'OPSBOT_STALLED_INTERVAL_MS',
  computeMissingHistory: 'OPSBOT_COMPUTE_MISSING_HISTORY',
  inputMaxFileBytes: 'OPSBOT_INPUT_MAX_FILE_BYTES',
  inputMaxUnzippedBytes: 'OPSBOT_INPUT_MAX_UNZIPPED_BYTES',
  inputMaxXlsxTableBytes: 'OPSBOT_INPUT_MAX_XLSX_TABLE_BYTES',
  inputMaxCellChars: 'OPSBOT_INPUT_MAX_CELL_CHARS',
  inputMaxCellsPerRow: 'OPSBOT_INPUT_MAX_CELLS_PER_ROW',
  slaDaysCritical: 'OPSBOT_SLA_DAYS_CRITICAL',
  slaDaysHigh: 'OPSBOT_SLA_DAYS_HIGH',
  slaDaysMedium: 'OPSBOT_SLA_DAYS_MEDIUM',
  slaDaysLow: 'OPSBOT_SLA_DAYS_LOW',
  dismissalExpiryDays: 'OPSBOT_DISMISSAL_EXPIRY_DAYS',
  fourEyesSeverities: 'OPSBOT_FOUR_EYES_SEVERITIES',
  slaDigestRecipients: 'OPSBOT_SLA_DIGEST_RECIPIENTS',
  slaDigestCron: 'OPSBOT_SLA_DIGEST_CRON',
};

/** The environment variable of a config key (`inputMaxCellChars` → `OPSBOT_INPUT_MAX_CELL_CHARS`), for messages. */
export function envNameOf(key: string): string | undefined {
  return ENV_NAMES[key];
}

/** Keys whose environment text is a yes/no. */
const BOOLEAN_KEYS = new Set(['privateFiles', 'computeMissingHistory']);

function envValues(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    out[key] = BOOLEAN_KEYS.has(key) ? parseBoolean(raw, name) : raw;
  }
  const portals: Record<string, Record<string, string>> = {};
  for (const [name, raw] of Object.entries(env)) {
    const m = /^OPSBOT_PORTAL_([A-Z0-9_]+?)_(URL|USERNAME|PASSWORD)$/.exec(name);
    if (!m || raw === undefined || raw === '') continue;
    const id = m[1]!.toLowerCase().replace(/_/g, '-');
    (portals[id] ??= {})[m[2]!.toLowerCase()] = raw;
  }
  if (Object.keys(portals).length > 0) out.portals = portals;
  return out;
}

function parseBoolean(raw: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name}=${JSON.stringify(raw)}: expected true or false`);
}

function fileValues(env: NodeJS.ProcessEnv, cwd: string): Record<string, unknown> {
  const explicit = env.OPSBOT_CONFIG;
  const file = explicit ?? path.join(cwd, 'opsbot.config.json');
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError(`OPSBOT_CONFIG=${explicit}: file not found`);
    return {};
  }
  return readJsonFile(file);
}

/**
 * A JSON file's object. A syntax error names the file, line and column and nothing of the text:
 * V8's message quotes the text around the error, which for a secrets file is a password.
 */
function readJsonFile(file: string): Record<string, unknown> {
  // A byte-order mark (Windows Notepad) is not JSON but is no mistake either.
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/u, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { line, column } = jsonErrorLocation(text);
    throw new ConfigError(`${file}: not valid JSON at line ${line}, column ${column} (content not shown: it may hold a password)`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${file}: must hold a JSON object ({ … })`);
  return value as Record<string, unknown>;
}

/** Secrets file: portal credentials kept out of the environment; must be readable by its owner only. */
function secretValues(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  if (!existsSync(file)) throw new ConfigError(`OPSBOT_SECRETS_FILE=${file}: file not found`);
  const mode = statSync(file).mode & 0o777;
  if (mode !== 0o600 && mode !== 0o400) {
    throw new ConfigError(
      `OPSBOT_SECRETS_FILE=${file}: mode is ${mode.toString(8)}, must be 600 (run: chmod 600 ${file})`,
    );
  }
  return readJsonFile(file);
}

/** Passwords besides the portals' may live in the secrets file too (never in the config file's git history). */
const SECRET_KEYS = ['redisPassword', 'redisSentinelPassword', 'smtpPassword', 'webSessionSecret'];

function secretTopLevel(secrets: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(secrets).filter(([k]) => SECRET_KEYS.includes(k)));
}

function mergePortals(...layers: Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const layer of layers) {
    const portals = (layer.portals ?? {}) as Record<string, Record<string, unknown>>;
    for (const [id, settings] of Object.entries(portals)) merged[id] = { ...merged[id], ...settings };
  }
  return merged;
}

/** Parses the configuration from file, secrets file and environment (env wins). Throws ConfigError. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const fromFile = fileValues(env, cwd);
  const fromEnv = envValues(env);
  const secretsFile = (fromEnv.secretsFile ?? fromFile.secretsFile) as string | undefined;
  const fromSecrets = secretValues(secretsFile);
  const raw = { ...fromFile, ...secretTopLevel(fromSecrets), ...fromEnv, portals: mergePortals(fromFile, fromSecrets, fromEnv) };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const where = ENV_NAMES[key] ?? (key === 'portals' ? `OPSBOT_PORTAL_${String(issue.path[1] ?? '').toUpperCase().replace(/-/g, '_')}_${String(issue.path[2] ?? '').toUpperCase()}` : key);
    throw new ConfigError(`${where}: ${issue.message}`);
  }
  return parsed.data;
}
