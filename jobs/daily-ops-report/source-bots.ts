import type { SourceId } from './figures';

/** Which bot extracts each source of the report. */
export const SOURCE_BOTS: Record<SourceId, string> = {
  transactions: 'core-banking.transactions',
  corrections: 'core-banking.corrections',
  reconciliation: 'core-banking.reconciliation',
  customers: 'core-banking.customers',
  queueTickets: 'queue.tickets',
  complaints: 'complaints.complaints',
  amlAlerts: 'aml.alerts',
  deviceInspections: 'devices.inspections',
};
