import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { runtimePaths, type Config } from '../config';
import type { RunManifest } from '../run-store';
import { FileLedger } from './file-ledger';
import { stableMessageId } from './message-id';
import { reportAttachments } from './mail-attachments';
import { reportMail } from './report-mail';
import { sendOnce, type SendOutcome } from './send-once';
import { ledgerKey } from './sent-ledger';
import { postWebhook } from './webhook';

/** Where a run's delivered copy goes: `<outbox>/<job>/<date>/r<revision>/`. */
export function outboxOf(cfg: Config, manifest: RunManifest): string {
  return path.join(runtimePaths(cfg).outboxDir, manifest.job, manifest.dataDate, `r${manifest.revision}`);
}

export interface DeliveryDeps {
  cfg: Config;
  transport: Transporter | undefined;
}

/**
 * Sends a finished run's report to each recipient and to the webhook, each at most once (see
 * send-once.ts), recording the state in `<run>/delivery/`. A failed run has no report to send (its
 * alert goes to the admins instead), nor has a revision that finished worse than its date's latest
 * (`notLatest`: the recipients keep the better report; the admins are alerted). One recipient
 * failing does not stop the others; the first error is rethrown afterwards so the delivery job
 * retries — and the retry skips who already got it.
 */
export async function deliverRun(manifest: RunManifest, runDir: string, deps: DeliveryDeps): Promise<SendOutcome[]> {
  if (manifest.status === 'failed' || manifest.notLatest) return [];
  const ledger = new FileLedger(path.join(runDir, 'delivery'));
  const outcomes: SendOutcome[] = [];
  const errors: Error[] = [];
  const attempt = async (key: string, send: () => Promise<Record<string, unknown>>) => {
    try {
      outcomes.push(await sendOnce(ledger, key, send));
    } catch (err) {
      errors.push(err as Error);
    }
  };
  const { transport, cfg } = deps;
  if (transport) {
    // The files the outputs link to (screenshots) travel in a zip beside them, see mail-attachments.ts.
    const zipBase = `${manifest.job}-${manifest.dataDate}-r${manifest.revision}`;
    const { attachments, note } = await reportAttachments(runDir, manifest.outputs.map((o) => o.file), zipBase);
    const mail = reportMail(manifest, note, outboxOf(cfg, manifest));
    for (const to of cfg.reportRecipients) {
      await attempt(ledgerKey('mail', to), async () => {
        const info = await transport.sendMail({ from: cfg.mailFrom, to, subject: mail.subject, text: mail.text, attachments, messageId: stableMessageId(manifest.runId, to) });
        return { to, messageId: info.messageId, response: info.response };
      });
    }
  }
  if (cfg.webhookUrl) {
    const url = cfg.webhookUrl;
    const body = { runId: manifest.runId, job: manifest.job, dataDate: manifest.dataDate, revision: manifest.revision, status: manifest.status, outputs: manifest.outputs };
    await attempt(ledgerKey('webhook'), () => postWebhook(url, body, manifest.runId));
  }
  if (errors.length) throw new Error(`delivery of ${manifest.runId}: ${errors.length} failed (${errors[0]!.message}); retried later, sent ones are not repeated`);
  return outcomes;
}
