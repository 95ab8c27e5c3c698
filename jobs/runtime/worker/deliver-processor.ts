import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Job } from 'bullmq';
import { runAlert, raiseAlert } from '../alerts';
import { runtimePaths } from '../config';
import { copyDelivered, deliverRun, FileLedger, mailTransport, type SendOutcome } from '../delivery';
import { QUEUES, type DeliverPayload } from '../queues';
import { writeJsonAtomic } from '../../../bots/sdk/atomic-write';
import type { RuntimeDeps } from '../runtime-deps';
import { admitted } from './admit-job';
import { checkDeliverPayload } from './payload-checks';

/**
 * Delivery: copies a run's outputs to the outbox folder, e-mails them and posts the webhook, then
 * alerts the admins of a failed or partial run — each once. A marker file makes a retried outbox
 * copy a no-op; e-mails, webhook and alerts keep a per-recipient ledger in the run folder (see
 * delivery/send-once.ts), so nobody gets the same report twice.
 */
export type DeliverDeps = Pick<RuntimeDeps, 'config' | 'jobs' | 'store' | 'log'>;

export function deliverProcessor(deps: DeliverDeps) {
  return (job: Job<DeliverPayload>) => deliver(job, deps);
}

async function deliver(job: Job<DeliverPayload>, deps: DeliverDeps): Promise<{ outbox: string; skipped: boolean; sent: SendOutcome[] }> {
  // The payload and the manifest it leads to, checked: nothing outside the run is copied or sent.
  const { manifest } = await admitted(QUEUES.deliver, job, (data) => checkDeliverPayload(data, deps), deps);
  const cfg = deps.config;
  const log = deps.log.child({ component: 'deliver', run: manifest.runId });
  const outbox = path.join(runtimePaths(cfg).outboxDir, manifest.job, manifest.dataDate, `r${manifest.revision}`);
  const marker = path.join(outbox, '.delivered.json');
  const skipped = existsSync(marker);
  // A revision that finished worse than its date's latest is kept and alerted, not delivered (RunStore.finish).
  if (!skipped && !manifest.notLatest) {
    // With the files the outputs link to (the review's screenshots), so the links work in the outbox.
    const { broken } = await copyDelivered(job.data.runDir, manifest.outputs.map((o) => o.file), outbox);
    if (broken.length) log.warn({ broken }, 'report links that resolve nowhere');
    await writeJsonAtomic(marker, { runId: manifest.runId, deliveredAt: new Date().toISOString() });
  }
  const transport = mailTransport(cfg);
  try {
    const sent = await deliverRun(manifest, job.data.runDir, { cfg, transport });
    const alert = runAlert(manifest, job.data.runDir);
    const ledger = new FileLedger(path.join(job.data.runDir, 'delivery'));
    if (alert) sent.push(...(await raiseAlert(alert, { cfg, transport, ledger, log })));
    const doubtful = sent.filter((s) => s.result === 'in-doubt').map((s) => s.key);
    if (doubtful.length) {
      await raiseAlert({
        key: `delivery-in-doubt--${manifest.runId}`, kind: 'delivery-in-doubt', runId: manifest.runId, evidence: [],
        subject: `${manifest.runId}: 投递状态不确定`,
        text: `上次投递在发送途中中断，以下投递未重发以免重复，请确认收件人是否收到: ${doubtful.join(', ')}`,
      }, { cfg, transport, ledger, log });
    }
    return { outbox, skipped, sent };
  } finally {
    transport?.close();
  }
}
