/**
 * Every figure of the spec (`shared/spec/daily-ops-report.md`), by its dotted key, with the sources
 * it is computed from. A figure whose source is missing is null and listed in `missing.figures`;
 * never a zero.
 */
export const SOURCE_IDS = [
  'transactions',
  'corrections',
  'reconciliation',
  'customers',
  'queueTickets',
  'complaints',
  'amlAlerts',
  'deviceInspections',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export const FIGURE_SOURCES = {
  'transactions.total': ['transactions'],
  'transactions.byChannel.counter': ['transactions'],
  'transactions.byChannel.selfService': ['transactions'],
  'transactions.byChannel.online': ['transactions'],
  'transactions.onlineShare': ['transactions'],
  'tellers.active': ['transactions'],
  'tellers.avgTransactionsPerTeller': ['transactions'],
  'tellers.avgHandleSeconds': ['transactions'],
  'queue.tickets': ['queueTickets'],
  'queue.avgWaitSeconds': ['queueTickets'],
  'queue.p90WaitSeconds': ['queueTickets'],
  'queue.waitOver15MinShare': ['queueTickets'],
  'queue.peakHour': ['queueTickets'],
  'complaints.total': ['complaints'],
  'complaints.byLevel.1': ['complaints'],
  'complaints.byLevel.2': ['complaints'],
  'complaints.byLevel.3': ['complaints'],
  'complaints.slaBreaches': ['complaints'],
  'aml.largeValueReports': ['transactions'],
  'aml.alerts': ['amlAlerts'],
  'aml.alertsHandledShare': ['amlAlerts'],
  'aml.overdueAlerts': ['amlAlerts'],
  'risk.reversals': ['transactions'],
  'risk.overLimitAuthorizations': ['transactions'],
  'risk.flaggedTellers': ['transactions'],
  'reconciliation.anomalyAccounts': ['reconciliation', 'transactions'],
  'dayEndChecks.missingVouchers': ['transactions'],
  'dayEndChecks.complianceExceptions': ['transactions'],
  'dayEndChecks.customerInfoIssues': ['customers'],
  'devices.total': ['deviceInspections'],
  'devices.faulty': ['deviceInspections'],
  'devices.availability': ['deviceInspections'],
  'devices.lowConsumables': ['deviceInspections'],
  'errors.corrections': ['corrections'],
  'errors.rate': ['corrections', 'transactions'],
} as const satisfies Record<string, readonly SourceId[]>;

export type FigureKey = keyof typeof FIGURE_SOURCES;
export const FIGURE_KEYS = Object.keys(FIGURE_SOURCES) as FigureKey[];

/** A figure's value: null when its source is missing or it is undefined (e.g. 0 / 0). */
export type Figure = number | null;

/** The figures, nested along the dots of their keys, as `kpis.json` holds them. */
export interface KpiFigures {
  transactions: {
    total: Figure;
    byChannel: { counter: Figure; selfService: Figure; online: Figure };
    onlineShare: Figure;
  };
  tellers: { active: Figure; avgTransactionsPerTeller: Figure; avgHandleSeconds: Figure };
  queue: {
    tickets: Figure;
    avgWaitSeconds: Figure;
    p90WaitSeconds: Figure;
    waitOver15MinShare: Figure;
    peakHour: Figure;
  };
  complaints: { total: Figure; byLevel: { '1': Figure; '2': Figure; '3': Figure }; slaBreaches: Figure };
  aml: { largeValueReports: Figure; alerts: Figure; alertsHandledShare: Figure; overdueAlerts: Figure };
  risk: { reversals: Figure; overLimitAuthorizations: Figure; flaggedTellers: Figure };
  reconciliation: { anomalyAccounts: Figure };
  dayEndChecks: { missingVouchers: Figure; complianceExceptions: Figure; customerInfoIssues: Figure };
  devices: { total: Figure; faulty: Figure; availability: Figure; lowConsumables: Figure };
  errors: { corrections: Figure; rate: Figure };
}

/** Reads a figure by its dotted key from any object shaped like `KpiFigures` (e.g. an old run's JSON). */
export function figureAt(figures: unknown, key: string): Figure {
  let node: unknown = figures;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : null;
}

/** Sets a figure by its dotted key, creating the nesting on the way. */
export function setFigureAt(figures: Record<string, unknown>, key: string, value: Figure): void {
  const parts = key.split('.');
  let node = figures;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === undefined || next === null || typeof next !== 'object') node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? key] = value;
}

/** The sources a set of missing sources takes down, as the figure keys that become null. */
export function figuresOf(missingSources: ReadonlySet<SourceId>): FigureKey[] {
  return FIGURE_KEYS.filter((key) => FIGURE_SOURCES[key].some((s) => missingSources.has(s)));
}
