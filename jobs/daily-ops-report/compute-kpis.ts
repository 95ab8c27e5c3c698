import {
  AmlAlertRecord,
  ComplaintRecord,
  CorrectionRecord,
  CustomerRecord,
  DeviceInspectionRecord,
  QueueTicketRecord,
  ReconciliationRecord,
  TransactionRecord,
} from '../../bots/records';
import { FIGURE_KEYS, figuresOf, setFigureAt, type FigureKey, type KpiFigures, type SourceId } from './figures';
import type { ExceptionLists } from './exception-rows';
import { BranchedFold, ratio, type FigureValues } from './folds/fold';
import { TransactionsFold, type ChannelGroup, type UnratedTransaction } from './folds/transactions.fold';
import { QueueTicketsFold } from './folds/queue-tickets.fold';
import { ComplaintsFold } from './folds/complaints.fold';
import { AmlAlertsFold } from './folds/aml-alerts.fold';
import { DeviceInspectionsFold } from './folds/device-inspections.fold';
import { CustomersFold } from './folds/customers.fold';
import { CorrectionsFold } from './folds/corrections.fold';
import { ReconciliationFold } from './folds/reconciliation.fold';
import { DEFAULT_CURRENCY_RATES, type CurrencyRates } from './money';
import { readSource, type RejectedRow } from './read-source';
import { gateSources, type OtherSource, type SourceState } from './source-gate';
import type { MissingSource, SourceInputs } from './source-input';

export interface ComputeOptions {
  /** The data date D, YYYY-MM-DD. */
  date: string;
  sources: SourceInputs;
  /** CNY per unit of foreign currencies (default: currency-rates.json). */
  currencyRates?: CurrencyRates;
  /** Counter opening hours, inclusive (default 08:30:00–17:30:00). */
  counterHours?: { from: string; to: string };
  /** The run's other sources (no figure reads them): a failed one makes the report partial too. */
  otherSources?: readonly OtherSource[];
}

/** Series the charts draw; null where the source is missing. */
export interface ChartSeries {
  transactionsByHour: Record<ChannelGroup, number[]> | null;
  ticketsByHour: number[] | null;
  /** Mean wait (s) of tickets issued in each hour; null for hours without a called ticket. */
  avgWaitByHour: (number | null)[] | null;
}

export interface DailyFigures {
  date: string;
  figures: KpiFigures;
  byBranch: Record<string, KpiFigures>;
  /** Every source that failed, figure sources and the run's other sources (the report is then partial). */
  missingSources: MissingSource[];
  /** Every source of the run with its state, as 数据源状态 lists them. */
  sources: SourceState[];
  /** Figures that are null because a source is missing (shown as 数据缺失). */
  missingFigures: FigureKey[];
  /** Figures that are null because they are undefined on D, e.g. a share of zero tickets. */
  notApplicable: FigureKey[];
  exceptions: ExceptionLists;
  charts: ChartSeries;
  dataIssues: {
    rejectedRows: RejectedRow[];
    unratedTransactions: UnratedTransaction[];
    outsideDate: Partial<Record<SourceId, number>>;
  };
}

/**
 * Computes every figure of the spec for D by folding each source's stream once, network-wide and
 * per branch. A missing or rejected source makes its figures null and listed in `missingFigures`.
 *
 * @example await computeDailyFigures({ date: '2025-03-03', sources: { transactions: rows, complaints: { missing: '登录失败' } } })
 */
export async function computeDailyFigures(options: ComputeOptions): Promise<DailyFigures> {
  const { date, sources } = options;
  const rules = {
    date,
    rates: options.currencyRates ?? DEFAULT_CURRENCY_RATES,
    counterHours: options.counterHours ?? { from: '08:30:00', to: '17:30:00' },
  };
  const tx = new BranchedFold<TransactionRecord, TransactionsFold>((keep) => new TransactionsFold(rules, keep));
  const corrections = new BranchedFold<CorrectionRecord, CorrectionsFold>(() => new CorrectionsFold(date));
  const recon = new ReconciliationFold();
  const customers = new BranchedFold<CustomerRecord, CustomersFold>((keep) => new CustomersFold(date, keep));
  const queue = new BranchedFold<QueueTicketRecord, QueueTicketsFold>(() => new QueueTicketsFold(date));
  const complaints = new BranchedFold<ComplaintRecord, ComplaintsFold>((keep) => new ComplaintsFold(date, keep));
  const aml = new BranchedFold<AmlAlertRecord, AmlAlertsFold>((keep) => new AmlAlertsFold(date, keep));
  const devices = new BranchedFold<DeviceInspectionRecord, DeviceInspectionsFold>(() => new DeviceInspectionsFold(date));

  const outcomes = [
    await readSource('transactions', sources.transactions, TransactionRecord, (r) => r.id, (r) => tx.add(r)),
    await readSource('corrections', sources.corrections, CorrectionRecord, (r) => r.id, (r) => corrections.add(r)),
    await readSource('reconciliation', sources.reconciliation, ReconciliationRecord, (r) => r.accountNo, (r) => recon.add(r)),
    await readSource('customers', sources.customers, CustomerRecord, null, (r) => customers.add(r)),
    await readSource('queueTickets', sources.queueTickets, QueueTicketRecord, (r) => r.id, (r) => queue.add(r)),
    await readSource('complaints', sources.complaints, ComplaintRecord, (r) => r.id, (r) => complaints.add(r)),
    await readSource('amlAlerts', sources.amlAlerts, AmlAlertRecord, (r) => r.id, (r) => aml.add(r)),
    await readSource('deviceInspections', sources.deviceInspections, DeviceInspectionRecord, null, (r) => devices.add(r)),
  ];
  const figureSourcesMissing = outcomes.flatMap((o) => (o.missing === null ? [] : [o.missing]));
  // Only figure sources here (read above by SourceId): the run's other sources take no figure down.
  const missingSet = new Set(figureSourcesMissing.map((m) => m.source as SourceId));
  const gate = gateSources(figureSourcesMissing, options.otherSources ?? []);
  const has = (...ids: SourceId[]): boolean => ids.every((id) => !missingSet.has(id));

  const anomalies = has('reconciliation', 'transactions') ? recon.anomalies(tx.network.perAccount) : [];
  const valuesFor = (branch: string | null): FigureValues => {
    const txValues = figuresOrEmpty(branch === null ? tx.network : tx.branches.get(branch), () => new TransactionsFold(rules, false));
    const corrValues = figuresOrEmpty(branch === null ? corrections.network : corrections.branches.get(branch), () => new CorrectionsFold(date));
    const total = txValues['transactions.total'] ?? 0;
    const corrCount = corrValues['errors.corrections'] ?? 0;
    return {
      ...txValues,
      ...corrValues,
      'errors.rate': ratio(corrCount, total),
      'reconciliation.anomalyAccounts': anomalies.filter((a) => branch === null || a.branchId === branch).length,
      ...figuresOrEmpty(branch === null ? customers.network : customers.branches.get(branch), () => new CustomersFold(date, false)),
      ...figuresOrEmpty(branch === null ? queue.network : queue.branches.get(branch), () => new QueueTicketsFold(date)),
      ...figuresOrEmpty(branch === null ? complaints.network : complaints.branches.get(branch), () => new ComplaintsFold(date, false)),
      ...figuresOrEmpty(branch === null ? aml.network : aml.branches.get(branch), () => new AmlAlertsFold(date, false)),
      ...figuresOrEmpty(branch === null ? devices.network : devices.branches.get(branch), () => new DeviceInspectionsFold(date)),
    };
  };

  const missingFigures = figuresOf(missingSet);
  const missingFigureSet = new Set(missingFigures);
  const toFigures = (values: FigureValues): KpiFigures => {
    const nested: Record<string, unknown> = {};
    for (const key of FIGURE_KEYS) setFigureAt(nested, key, missingFigureSet.has(key) ? null : (values[key] ?? null));
    return nested as unknown as KpiFigures;
  };
  const networkValues = valuesFor(null);
  const figures = toFigures(networkValues);
  const notApplicable = FIGURE_KEYS.filter((k) => !missingFigureSet.has(k) && networkValues[k] === null);

  const branchIds = new Set<string>();
  for (const f of [tx, corrections, customers, queue, complaints, aml, devices]) {
    for (const id of f.branches.keys()) branchIds.add(id);
  }
  for (const r of recon.candidates) branchIds.add(r.branchId);
  const byBranch: Record<string, KpiFigures> = {};
  for (const id of [...branchIds].sort()) byBranch[id] = toFigures(valuesFor(id));

  const exceptions: ExceptionLists = {
    slaComplaints: has('complaints') ? complaints.network.rows : [],
    flaggedTellers: has('transactions') ? tx.network.flaggedTellers() : [],
    anomalyAccounts: anomalies,
    largeValueTransactions: has('transactions') ? tx.network.largeValueRows : [],
    overdueAmlAlerts: has('amlAlerts') ? aml.network.rows : [],
    missingVouchers: has('transactions') ? tx.network.missingVoucherRows : [],
    complianceExceptions: has('transactions') ? tx.network.complianceRows : [],
    customerInfoIssues: has('customers') ? customers.network.rows : [],
    faultyDevices: has('deviceInspections') ? devices.network.faultyRows() : [],
  };

  const q = queue.network;
  const charts: ChartSeries = {
    transactionsByHour: has('transactions') ? tx.network.byHour : null,
    ticketsByHour: has('queueTickets') ? q.issuedByHour : null,
    avgWaitByHour: has('queueTickets') ? q.waitSumByHour.map((sum, h) => ratio(sum, q.calledByHour[h] ?? 0)) : null,
  };

  const outsideDate: Partial<Record<SourceId, number>> = {};
  const outside: [SourceId, number][] = [
    ['transactions', tx.network.outsideDate],
    ['corrections', corrections.network.outsideDate],
    ['queueTickets', queue.network.outsideDate],
    ['complaints', complaints.network.outsideDate],
    ['deviceInspections', devices.network.outsideDate],
  ];
  for (const [source, n] of outside) if (n > 0) outsideDate[source] = n;

  return {
    date,
    figures,
    byBranch,
    missingSources: gate.missing,
    sources: gate.sources,
    missingFigures,
    notApplicable,
    exceptions,
    charts,
    dataIssues: {
      rejectedRows: outcomes.flatMap((o) => o.rejected),
      unratedTransactions: has('transactions') ? tx.network.unrated : [],
      outsideDate,
    },
  };
}

function figuresOrEmpty(fold: { figures(): FigureValues } | undefined, empty: () => { figures(): FigureValues }): FigureValues {
  return (fold ?? empty()).figures();
}
