import type { RunningPortal } from '../../../../fixtures/start-fixtures';
import type { TestRuntime } from '../../../helpers/test-runtime';

/**
 * The environment of an `opsbot worker` child in the real-process tests: the test's Redis, var
 * folder and queue prefix, short job locks (a dead worker's job comes back in seconds), the
 * core-banking fixture portal with its login, and the SMTP sink for the report mail.
 */
export function workerEnv(rt: TestRuntime, portal: RunningPortal, password: string, smtpPort: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: rt.redis.url, OPSBOT_VAR_DIR: rt.varDir, OPSBOT_QUEUE_PREFIX: rt.config.queuePrefix, OPSBOT_LOG_LEVEL: 'warn',
    OPSBOT_WORKER_LOCK_MS: '4000', OPSBOT_STALLED_INTERVAL_MS: '1500',
    OPSBOT_PORTAL_CORE_BANKING_URL: portal.url, OPSBOT_PORTAL_CORE_BANKING_USERNAME: portal.login!.username, OPSBOT_PORTAL_CORE_BANKING_PASSWORD: password,
    OPSBOT_SMTP_HOST: '127.0.0.1', OPSBOT_SMTP_PORT: String(smtpPort), OPSBOT_REPORT_RECIPIENTS: 'ops@bank.example',
    ...extra,
  };
}
