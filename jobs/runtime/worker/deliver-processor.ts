import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Job } from 'bullmq';
import { config, runtimePaths } from '../config';
import type { DeliverPayload } from '../queues';
import { runStoreFromConfig, writeJsonAtomic } from '../run-store';

/**
 * Delivery: copies a run's outputs to the outbox folder, once. A marker file makes a retried
 * delivery a no-op, so nobody gets the same report twice.
 */
export async function deliverProcessor(job: Job<DeliverPayload>): Promise<{ outbox: string; skipped: boolean }> {
  const manifest = await runStoreFromConfig().read(job.data.runDir);
  const outbox = path.join(runtimePaths(config()).outboxDir, manifest.job, manifest.dataDate, `r${manifest.revision}`);
  const marker = path.join(outbox, '.delivered.json');
  if (existsSync(marker)) return { outbox, skipped: true };
  await mkdir(outbox, { recursive: true, mode: 0o700 });
  for (const o of manifest.outputs) await cp(path.join(job.data.runDir, o.file), path.join(outbox, path.basename(o.file)));
  await writeJsonAtomic(marker, { runId: manifest.runId, deliveredAt: new Date().toISOString() });
  return { outbox, skipped: false };
}
