import type { TransactionRecord } from '../../../bots/records';
import { clockPart, datePart, hourOf } from '../local-time';
import { atOrOver, toCny, type CnyAmount, type CurrencyRates } from '../money';
import type {
  ComplianceReason,
  ComplianceRow,
  FlaggedTellerRow,
  LargeValueRow,
  LargeValueRule,
  TransactionRowBase,
} from '../exception-rows';
import { ratio, type FigureValues, type Fold } from './fold';

/** Rules the transaction figures depend on; defaults follow the spec. */
export interface TransactionRules {
  date: string;
  rates: CurrencyRates;
  /** Counter opening hours, inclusive at both ends ('08:30:00'..'17:30:00'). */
  counterHours: { from: string; to: string };
}

export const CHANNEL_GROUPS = ['counter', 'selfService', 'online'] as const;
export type ChannelGroup = (typeof CHANNEL_GROUPS)[number];
const GROUP_OF: Record<TransactionRecord['channel'], ChannelGroup> = {
  柜面: 'counter',
  自助: 'selfService',
  网银: 'online',
  手机银行: 'online',
};

// PBOC large-value reporting thresholds (in CNY).
const CASH_THRESHOLD = 50_000;
const CORPORATE_TRANSFER_THRESHOLD = 2_000_000;
const PERSONAL_DOMESTIC_THRESHOLD = 500_000;
const PERSONAL_CROSS_BORDER_THRESHOLD = 200_000;
// 操作合规性: amounts at or over this need 双人复核.
const DOUBLE_CHECK_THRESHOLD = 50_000;
// A teller with this many reversals on D is flagged.
const REVERSALS_TO_FLAG = 5;

/**
 * Which large-value rule a transaction meets, if any. Cash is judged first; every non-cash
 * transaction is a transfer in the PBOC sense. A transaction meeting several rules counts once.
 * All states count: the report is on what was booked on D, as `transactions.total` is.
 */
export function largeValueRule(t: TransactionRecord, cny: CnyAmount): LargeValueRule | null {
  if (t.cash) return atOrOver(cny, CASH_THRESHOLD) ? 'cash' : null;
  if (t.customerKind === '对公') return atOrOver(cny, CORPORATE_TRANSFER_THRESHOLD) ? 'corporateTransfer' : null;
  if (t.crossBorder) {
    return atOrOver(cny, PERSONAL_CROSS_BORDER_THRESHOLD) ? 'personalCrossBorderTransfer' : null;
  }
  return atOrOver(cny, PERSONAL_DOMESTIC_THRESHOLD) ? 'personalDomesticTransfer' : null;
}

interface TellerTally {
  branchId: string;
  reversals: number;
  overLimit: number;
  reversalIds: string[];
  overLimitIds: string[];
}

/** A transaction whose currency has no rate: its amount rules cannot be judged. */
export interface UnratedTransaction {
  transactionId: string;
  currency: string;
}

export class TransactionsFold implements Fold<TransactionRecord> {
  outsideDate = 0;
  total = 0;
  readonly byGroup: Record<ChannelGroup, number> = { counter: 0, selfService: 0, online: 0 };
  /** Transactions per hour of D and channel group, for the chart. */
  readonly byHour: Record<ChannelGroup, number[]> = {
    counter: new Array<number>(24).fill(0),
    selfService: new Array<number>(24).fill(0),
    online: new Array<number>(24).fill(0),
  };
  private readonly activeTellers = new Set<string>();
  private handleSum = 0;
  private handleCount = 0;
  private largeValue = 0;
  private reversals = 0;
  private overLimit = 0;
  private missingVouchers = 0;
  private compliance = 0;
  private readonly tellers = new Map<string, TellerTally>();
  /** Transactions on D per account (network fold only; reconciliation needs it). */
  readonly perAccount = new Map<string, number>();
  readonly unrated: UnratedTransaction[] = [];
  readonly largeValueRows: LargeValueRow[] = [];
  readonly missingVoucherRows: TransactionRowBase[] = [];
  readonly complianceRows: ComplianceRow[] = [];

  constructor(
    private readonly rules: TransactionRules,
    private readonly keepRows: boolean,
  ) {}

  add(t: TransactionRecord): void {
    if (datePart(t.time) !== this.rules.date) {
      this.outsideDate++;
      return;
    }
    this.total++;
    const group = GROUP_OF[t.channel];
    this.byGroup[group]++;
    const hourCounts = this.byHour[group];
    hourCounts[hourOf(t.time)] = (hourCounts[hourOf(t.time)] ?? 0) + 1;
    const isCounter = group === 'counter';
    if (isCounter && t.tellerId !== null) this.activeTellers.add(t.tellerId);
    if (isCounter && t.handleSeconds !== null) {
      this.handleSum += t.handleSeconds;
      this.handleCount++;
    }
    if (this.keepRows) this.perAccount.set(t.accountNo, (this.perAccount.get(t.accountNo) ?? 0) + 1);

    const cny = toCny(t.amount, t.currency, this.rules.rates);
    if (cny === null && this.keepRows) this.unrated.push({ transactionId: t.id, currency: t.currency });
    this.tallyRisk(t);
    this.tallyLargeValue(t, cny);
    this.tallyDayEnd(t, cny, isCounter);
  }

  private tallyRisk(t: TransactionRecord): void {
    const reversed = t.state === '冲正' || t.state === '撤销';
    if (reversed) this.reversals++;
    if (t.overLimit) this.overLimit++;
    if (t.tellerId === null || (!reversed && !t.overLimit)) return;
    let tally = this.tellers.get(t.tellerId);
    if (tally === undefined) {
      tally = { branchId: t.branchId, reversals: 0, overLimit: 0, reversalIds: [], overLimitIds: [] };
      this.tellers.set(t.tellerId, tally);
    }
    if (reversed) {
      tally.reversals++;
      if (this.keepRows) tally.reversalIds.push(t.id);
    }
    if (t.overLimit) {
      tally.overLimit++;
      if (this.keepRows) tally.overLimitIds.push(t.id);
    }
  }

  private tallyLargeValue(t: TransactionRecord, cny: CnyAmount | null): void {
    const rule = cny === null ? null : largeValueRule(t, cny);
    if (rule === null) return;
    this.largeValue++;
    if (this.keepRows) this.largeValueRows.push({ ...rowOf(t, cny), customerKind: t.customerKind, rule });
  }

  private tallyDayEnd(t: TransactionRecord, cny: CnyAmount | null, isCounter: boolean): void {
    if (isCounter && !t.voucherScanned) {
      this.missingVouchers++;
      if (this.keepRows) this.missingVoucherRows.push(rowOf(t, cny));
    }
    const reasons: ComplianceReason[] = [];
    if (cny !== null && atOrOver(cny, DOUBLE_CHECK_THRESHOLD) && !t.doubleChecked) {
      reasons.push('largeWithoutDoubleCheck');
    }
    const clock = clockPart(t.time);
    if (isCounter && (clock < this.rules.counterHours.from || clock > this.rules.counterHours.to)) {
      reasons.push('counterOutsideHours');
    }
    if (reasons.length === 0) return;
    this.compliance++;
    if (this.keepRows) this.complianceRows.push({ ...rowOf(t, cny), reasons });
  }

  /** Tellers meeting the flag rule, with their transactions. */
  flaggedTellers(): FlaggedTellerRow[] {
    const rows: FlaggedTellerRow[] = [];
    for (const [tellerId, tally] of this.tellers) {
      if (tally.reversals < REVERSALS_TO_FLAG && tally.overLimit < 1) continue;
      rows.push({
        tellerId,
        branchId: tally.branchId,
        reversals: tally.reversals,
        overLimitAuthorizations: tally.overLimit,
        reversalTransactionIds: tally.reversalIds,
        overLimitTransactionIds: tally.overLimitIds,
      });
    }
    return rows.sort((a, b) => a.tellerId.localeCompare(b.tellerId));
  }

  figures(): FigureValues {
    const counter = this.byGroup.counter;
    return {
      'transactions.total': this.total,
      'transactions.byChannel.counter': counter,
      'transactions.byChannel.selfService': this.byGroup.selfService,
      'transactions.byChannel.online': this.byGroup.online,
      'transactions.onlineShare': ratio(this.byGroup.online, this.total),
      'tellers.active': this.activeTellers.size,
      'tellers.avgTransactionsPerTeller': ratio(counter, this.activeTellers.size),
      'tellers.avgHandleSeconds': ratio(this.handleSum, this.handleCount),
      'aml.largeValueReports': this.largeValue,
      'risk.reversals': this.reversals,
      'risk.overLimitAuthorizations': this.overLimit,
      'risk.flaggedTellers': this.flaggedTellers().length,
      'dayEndChecks.missingVouchers': this.missingVouchers,
      'dayEndChecks.complianceExceptions': this.compliance,
    };
  }
}

function rowOf(t: TransactionRecord, cny: CnyAmount | null): TransactionRowBase {
  return {
    transactionId: t.id,
    time: t.time,
    branchId: t.branchId,
    tellerId: t.tellerId,
    channel: t.channel,
    type: t.type,
    amount: t.amount,
    currency: t.currency,
    amountCny: cny === null ? null : cny.cny,
    accountNo: t.accountNo,
    state: t.state,
  };
}
