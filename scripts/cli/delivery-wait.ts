import { existsSync } from 'node:fs';
import { Queue, QueueEvents } from 'bullmq';
import { QUEUES, type RedisConnection } from '../../jobs/runtime/queues';

/**
 * Waits for a run's delivery (queue `deliver`, job `<runId>/deliver`, queued by the build) and
 * says where it put the files: the line the CLI prints under the run folder. Without the wait a
 * command would stop its worker before the delivery ran, and the outbox it promises would be empty.
 * No delivery job (a run that is not the latest, a Redis that forgot it) → nothing to say.
 */
export async function deliveryLine(redis: RedisConnection, runId: string, timeoutMs = 120_000): Promise<string | undefined> {
  const { connection, prefix } = redis;
  const queue = new Queue(QUEUES.deliver, { connection, prefix });
  const events = new QueueEvents(QUEUES.deliver, { connection, prefix });
  try {
    await events.waitUntilReady();
    const job = await queue.getJob(`${runId}/deliver`);
    if (!job) return undefined;
    let outbox: unknown;
    try {
      outbox = ((await job.waitUntilFinished(events, timeoutMs)) as { outbox?: unknown } | null)?.outbox;
    } catch (err) {
      const message = (err as Error).message;
      if (/timed out/i.test(message)) return `  delivery still pending after ${Math.round(timeoutMs / 1000)} s (a worker will finish it; see opsbot runs show ${runId})`;
      return `  delivery failed: ${message}`;
    }
    // A run that is not the latest of its date is kept but not copied: no folder, nothing to point at.
    return typeof outbox === 'string' && existsSync(outbox) ? `  delivered to ${outbox}/` : undefined;
  } finally {
    await events.close();
    await queue.close();
  }
}
