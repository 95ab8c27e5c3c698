// What the daily report draws, as the job hands it over: every figure with its comparison and
// status already decided, the lists' rows, the chart series, what is missing and why. The template
// only lays this out and puts it into words (report-view.ts); it computes none of it.
//
// Figure keys and list ids are the spec's dotted keys and list names, as plain strings: the job
// owns them (jobs/daily-ops-report/figures.ts, exception-rows.ts).

/** How a figure's number reads: a count, a share (0..1), a duration in seconds, an hour of day, a mean. */
export type FigureFormat = 'count' | 'share' | 'seconds' | 'hour' | 'decimal';

/** 正常 / 关注 / 预警, 数据缺失, or no status (no threshold, or no value on D). */
export type FigureStatus = 'normal' | 'watch' | 'alert' | 'missing' | 'none';

/** A figure's value: null when its source is missing or it is undefined on the day (e.g. 0 / 0). */
export type FigureValue = number | null;

/** D's figure beside the previous business day and the mean of the previous 5. */
export interface FigureComparison {
  value: FigureValue;
  /** The figure on the previous business day, null when that run is missing or had no value. */
  previous: FigureValue;
  previousDate: string | null;
  /** Mean over the previous 5 business days that have a value; null when none has. */
  mean5: FigureValue;
  /** How many of those 5 days had a value. */
  mean5Days: number;
}

/** One figure of the report, decided: value, comparison, status, and its value per branch. */
export interface FigureFacts {
  /** The spec's dotted key, e.g. 'queue.avgWaitSeconds' (its label is strings `figures.<key>`). */
  key: string;
  format: FigureFormat;
  comparison: FigureComparison;
  /** Its source is missing: it reads 数据缺失, never a number. */
  missing: boolean;
  status: FigureStatus;
  /** The figure per branch code (every branch of `DailyReportModel.branchIds`). */
  byBranch: Readonly<Record<string, FigureValue>>;
}

/** One exception list: its rows (personal data already masked), or that its source is missing. */
export interface ListFacts {
  /** The list's name, e.g. 'slaComplaints' (its columns are in exception-columns.ts). */
  id: ExceptionListId;
  missing: boolean;
  rows: readonly object[];
}

/** The exception lists the template has columns for (exception-columns.ts). */
export type ExceptionListId =
  | 'slaComplaints'
  | 'flaggedTellers'
  | 'anomalyAccounts'
  | 'largeValueTransactions'
  | 'overdueAmlAlerts'
  | 'missingVouchers'
  | 'complianceExceptions'
  | 'customerInfoIssues'
  | 'faultyDevices';

/** The series the charts draw; null where their source is missing. */
export interface ChartData {
  /** Transactions per hour of day (24 entries), by channel group. */
  transactionsByHour: Readonly<Record<'counter' | 'selfService' | 'online', readonly number[]>> | null;
  /** Queue tickets issued per hour of day. */
  ticketsByHour: readonly number[] | null;
  /** Mean wait (s) of the tickets issued in each hour; null for an hour without a called ticket. */
  avgWaitByHour: readonly (number | null)[] | null;
  /** Per branch code: transactions on D, and the mean wait (s); null where the figure is missing. */
  branchTransactions: Readonly<Record<string, FigureValue>> | null;
  branchAvgWaitSeconds: Readonly<Record<string, FigureValue>> | null;
}

/** Something about the data the reader should know, said in the words of strings `report.<kind>`. */
export type DataNote =
  | { kind: 'unratedCurrency'; n: number; currencies: readonly string[] }
  | { kind: 'rejectedRows'; source: string; row: number; field: string; message: string }
  | { kind: 'outsideDate'; source: string; n: number };

/** The finished daily report: what the Excel and the PDF show, before it is put into words. */
export interface DailyReportModel {
  /** The data date D. */
  date: string;
  revision: number;
  /** 'YYYY-MM-DD HH:mm:ss' Asia/Shanghai. */
  generatedAt: string;
  /** Every source that failed (figure sources and the run's other sources), with the reason. */
  missingSources: readonly { source: string; reason: string }[];
  /** Every source of the run for 数据源状态: the figure sources, then any other the job extracted. */
  sources: readonly { id: string; missing: string | null }[];
  /** The headline figures (layout.json `headline`), in order. */
  headline: readonly FigureFacts[];
  /** Each area (layout.json `sections`) with its figures, in order. */
  sections: readonly { id: string; figures: readonly FigureFacts[] }[];
  /** Figures at 预警 or 关注, 预警 first, each once. */
  attention: readonly FigureFacts[];
  /** Branch codes of D, sorted. */
  branchIds: readonly string[];
  /** The figures the branch table shows side by side (layout.json `branchFigures`). */
  branchFigures: readonly FigureFacts[];
  /** The exception lists (layout.json `exceptionLists`), in order. */
  lists: readonly ListFacts[];
  charts: ChartData;
  notes: readonly DataNote[];
}
