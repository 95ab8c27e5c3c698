import { QueueEvents, QueueEventsProducer, type ConnectionOptions, type QueueEventsListener, type Worker } from 'bullmq';
import type { Logger } from 'pino';

/**
 * Cancelling a job another process is running. BullMQ aborts a job's signal with
 * `worker.cancelJob(id, reason)`, but only in the process that runs it (docs.bullmq.io, "Cancelling
 * jobs"); `opsbot runs cancel` is a process of its own. So the request travels on the queue's own
 * event stream (BullMQ's QueueEventsProducer → QueueEvents, a Redis stream every worker process
 * reads anyway): each worker of the queue hears it and calls `cancelJob`, a no-op where it does not
 * hold the job. A stream rather than pub/sub: a worker whose connection blinks reads the request
 * when it is back. The processor then stops between steps (bots/sdk: JobCancelledError).
 *
 * BullMQ's Relay is meant for this too, but is marked experimental in the installed version.
 */
export const CANCEL_EVENT = 'opsbot:cancel';

/** The queue's events stream keeps about this many entries, BullMQ's default (publishEvent's own is 1,000). */
const MAX_EVENTS = 10_000;

export interface CancelRequest {
  jobId: string;
  reason: string;
}

/**
 * Asks whichever worker holds each job to abort it.
 *
 * @example
 * await requestCancel({ connection, prefix }, 'bots', ['daily-ops-report/2026-11-20/r1/aml.alerts'], 'cancelled by admin-li');
 */
export async function requestCancel(at: { connection: ConnectionOptions; prefix: string }, queue: string, jobIds: string[], reason: string): Promise<void> {
  if (!jobIds.length) return;
  const producer = new QueueEventsProducer(queue, { connection: at.connection, prefix: at.prefix });
  producer.on('error', () => undefined); // a refused connection rejects publishEvent below
  try {
    for (const jobId of jobIds) await producer.publishEvent({ eventName: CANCEL_EVENT, jobId, reason }, MAX_EVENTS);
  } finally {
    await producer.close();
  }
}

export interface CancelWatch {
  close(): Promise<void>;
}

type CancelListener = QueueEventsListener & { [CANCEL_EVENT]: (args: CancelRequest, id: string) => void };

/**
 * Lets `worker` hear cancel requests for its queue: a request for a job it holds aborts that job's
 * processor signal. Only processors declaring the third `signal` parameter get one (BullMQ checks
 * `processor.length`).
 */
export async function watchCancelRequests(worker: Worker, at: { connection: ConnectionOptions; prefix: string }, log: Logger): Promise<CancelWatch> {
  const events = new QueueEvents(worker.name, { connection: at.connection, prefix: at.prefix });
  events.on<CancelListener, typeof CANCEL_EVENT>(CANCEL_EVENT, ({ jobId, reason }: CancelRequest) => {
    if (worker.cancelJob(jobId, reason)) log.info({ queue: worker.name, job: jobId, reason }, 'job cancelled: stopping it');
  });
  events.on('error', (err) => log.error({ queue: worker.name, err: err.message }, 'cancel requests: event stream error'));
  await events.waitUntilReady();
  return { close: () => events.close() };
}
