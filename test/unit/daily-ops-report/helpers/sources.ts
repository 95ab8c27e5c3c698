import type { SourceInputs } from '../../../../jobs/daily-ops-report/source-input';
import type { RecordSet } from './generate-records';

/** Streams an array one record at a time, as the build step streams JSONL. */
export async function* stream<T>(rows: readonly T[]): AsyncIterable<T> {
  for (const row of rows) yield row;
}

/** Every source of a record set as async iterables. */
export function sourcesOf(set: RecordSet): SourceInputs {
  return {
    transactions: stream(set.transactions),
    corrections: stream(set.corrections),
    reconciliation: stream(set.reconciliation),
    customers: stream(set.customers),
    queueTickets: stream(set.queueTickets),
    complaints: stream(set.complaints),
    amlAlerts: stream(set.amlAlerts),
    deviceInspections: stream(set.deviceInspections),
  };
}
