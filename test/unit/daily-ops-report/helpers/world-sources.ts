import { exportSources } from '../../../../fixtures/export/export-sources';
import type { World } from '../../../../fixtures/generator/world';
import type { SourceId } from '../../../../jobs/daily-ops-report/figures';

/** Which `fixtures export` source holds each input of the daily report. */
const EXPORT_NAME: Record<SourceId, string> = {
  transactions: 'transactions',
  corrections: 'corrections',
  reconciliation: 'reconciliation',
  customers: 'customers',
  queueTickets: 'queue-tickets',
  complaints: 'complaints',
  amlAlerts: 'aml-alerts',
  deviceInspections: 'device-inspections',
};

/** The records the fixture world serves for one report input on `date`; undefined when the export has no such source. */
export function worldRecords(world: World, id: SourceId, date: string): unknown[] | undefined {
  const source = exportSources.find((s) => s.name === EXPORT_NAME[id]);
  return source === undefined ? undefined : [...source.records(world, date)];
}

/** The same, for inputs every world must have: a missing source is an error naming it. */
export function requiredWorldRecords(world: World, id: SourceId, date: string): unknown[] {
  const records = worldRecords(world, id, date);
  if (records === undefined) throw new Error(`fixtures export has no source for "${id}" (${EXPORT_NAME[id]})`);
  return records;
}
