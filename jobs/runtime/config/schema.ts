import { z } from 'zod';

/** Credentials and address of one portal. Fixture runs fill these from the fixture server. */
export const PortalSettings = z.object({
  url: z.string().url().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
});
export type PortalSettings = z.infer<typeof PortalSettings>;

/**
 * The whole configuration, one schema, parsed once at start. Each field says its environment
 * variable; a config file (JSON, `OPSBOT_CONFIG` or `./opsbot.config.json`) gives the same keys.
 */
export const ConfigSchema = z.object({
  /** REDIS_URL: an existing Redis. Unset → a private redis-server child per command. */
  redisUrl: z.string().url().optional(),
  /** OPSBOT_VAR_DIR: where runs, Redis data, the outbox and logs live. */
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
  /** OPSBOT_SECRETS_FILE: JSON with portal credentials; refused unless mode 0600. */
  secretsFile: z.string().optional(),
  /** OPSBOT_PRIVATE_FILES=false lets run folders be group/world readable (default owner-only). */
  privateFiles: z.boolean().default(true),
  /** OPSBOT_PORTAL_<ID>_URL / _USERNAME / _PASSWORD, e.g. OPSBOT_PORTAL_CORE_BANKING_PASSWORD. */
  portals: z.record(z.string(), PortalSettings).default({}),
});
export type Config = z.infer<typeof ConfigSchema>;
