import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { ledgerKey, postWebhook, sendOnce, stableMessageId, type SendOutcome, type SentLedger } from '../delivery';
import type { Alert } from './alert';

export interface AlertDeps {
  cfg: Config;
  transport: Transporter | undefined;
  ledger: SentLedger;
  log: Logger;
}

/**
 * Sends an alert to the admins' addresses and the alert webhook, each at most once per alert key,
 * and always writes it to the log (so an alert is never lost when mail is down — it is also in the
 * worker's log). Errors propagate: the calling job retries, already-sent parts are skipped.
 */
export async function raiseAlert(alert: Alert, deps: AlertDeps): Promise<SendOutcome[]> {
  const { cfg, transport, ledger, log } = deps;
  log.warn({ alert: alert.kind, key: alert.key, run: alert.runId, evidence: alert.evidence }, alert.subject);
  const text = alert.evidence.length ? `${alert.text}\n\n证据文件:\n${alert.evidence.map((e) => `  ${e}`).join('\n')}` : alert.text;
  const outcomes: SendOutcome[] = [];
  if (transport) {
    for (const to of cfg.adminRecipients) {
      outcomes.push(await sendOnce(ledger, ledgerKey('alert', alert.key, to), async () => {
        const info = await transport.sendMail({ from: cfg.mailFrom, to, subject: `[opsbot 告警] ${alert.subject}`, text, messageId: stableMessageId(`alert:${alert.key}`, to) });
        return { to, messageId: info.messageId };
      }));
    }
  }
  if (cfg.alertWebhookUrl) {
    const url = cfg.alertWebhookUrl;
    outcomes.push(await sendOnce(ledger, ledgerKey('alert', alert.key, 'webhook'), () => postWebhook(url, alert, alert.key)));
  }
  if (!transport && !cfg.alertWebhookUrl) log.warn({ key: alert.key }, 'no SMTP host or alert webhook configured: this alert is only in the log');
  return outcomes;
}
