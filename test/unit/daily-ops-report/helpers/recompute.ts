// An independent second implementation of the spec's figures, written differently on purpose:
// whole arrays, filter/reduce, Date objects in +08:00, floating money with a rounding guard.
// If the fold and this agree on random record sets, both read the spec the same way.
import type { RecordSet } from './generate-records';

const RATES: Record<string, number> = { CNY: 1, USD: 7.1, EUR: 7.7, HKD: 0.91, JPY: 0.048, GBP: 9.0 };
const ms = (local: string): number => new Date(local.replace(' ', 'T') + '+08:00').getTime();
const onDay = (local: string, date: string): boolean => local.startsWith(date + ' ');
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
const share = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

function cny(amount: number, currency: string): number | null {
  const rate = RATES[currency];
  return rate === undefined ? null : Math.round(amount * rate * 1e6) / 1e6;
}

function validId(id: string): boolean {
  const s = id.toUpperCase();
  if (s.length !== 18 || !/^[0-9]{17}[0-9X]$/.test(s)) return false;
  // Σ aᵢ·2^(17−i) + check ≡ 1 (mod 11), with X = 10.
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = s[i] === 'X' ? 10 : Number(s[i]);
    sum += v * (2 ** (17 - i) % 11);
  }
  return sum % 11 === 1;
}

export function recompute(set: RecordSet, date: string, branch?: string): Record<string, number | null> {
  const inBranch = <T extends { branchId: string }>(xs: T[]): T[] => (branch === undefined ? xs : xs.filter((x) => x.branchId === branch));
  const tx = inBranch(set.transactions.filter((t) => onDay(t.time, date)));
  const allTx = set.transactions.filter((t) => onDay(t.time, date));
  const counter = tx.filter((t) => t.channel === '柜面');
  const online = tx.filter((t) => t.channel === '网银' || t.channel === '手机银行');
  const tellers = uniq(counter.map((t) => t.tellerId).filter((x): x is string => x !== null));
  const handled = counter.map((t) => t.handleSeconds).filter((x): x is number => x !== null);

  const tickets = inBranch(set.queueTickets.filter((q) => onDay(q.issuedAt, date)));
  const waits = tickets.filter((q) => q.calledAt !== null).map((q) => (ms(q.calledAt as string) - ms(q.issuedAt)) / 1000);
  const sortedWaits = [...waits].sort((a, b) => a - b);
  // p90: the smallest wait w such that at least 90 % of waits are ≤ w.
  const p90 = sortedWaits.find((w) => sortedWaits.filter((x) => x <= w).length * 10 >= 9 * sortedWaits.length) ?? null;
  const hourCounts = new Map<number, number>();
  for (const q of tickets) hourCounts.set(new Date(ms(q.issuedAt) + 8 * 3600_000).getUTCHours(), (hourCounts.get(new Date(ms(q.issuedAt) + 8 * 3600_000).getUTCHours()) ?? 0) + 1);
  const peak = [...hourCounts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;

  const complaints = inBranch(set.complaints.filter((c) => onDay(c.receivedAt, date)));
  const endOfD = ms(`${date} 23:59:59`) + 1000;
  const breached = complaints.filter((c) => {
    const mins = (t: string | null): number => (t === null ? Infinity : (ms(t) - ms(c.receivedAt)) / 60000);
    if (c.level === 1) return mins(c.firstContactAt) > 30;
    if (c.level === 2) return mins(c.supervisorAt) > 120;
    return c.closedAt === null || ms(c.closedAt) >= endOfD;
  });

  const large = tx.filter((t) => {
    const v = cny(t.amount, t.currency);
    if (v === null) return false;
    if (t.cash) return v >= 50_000;
    if (t.customerKind === '对公') return v >= 2_000_000;
    return t.crossBorder ? v >= 200_000 : v >= 500_000;
  });
  const alerts = inBranch(set.amlAlerts);
  const alertsOnD = alerts.filter((a) => onDay(a.createdAt, date));
  const overdue = alerts.filter((a) => {
    const created = ms(a.createdAt);
    if (created >= endOfD) return false;
    const open = a.state === '待处理' || (a.handledAt !== null && ms(a.handledAt) >= endOfD);
    return open && endOfD - created > 24 * 3600_000;
  });

  const reversals = tx.filter((t) => t.state !== '正常');
  const overLimit = tx.filter((t) => t.overLimit);
  const flagged = uniq(tx.map((t) => t.tellerId).filter((x): x is string => x !== null)).filter(
    (id) => reversals.filter((t) => t.tellerId === id).length >= 5 || overLimit.some((t) => t.tellerId === id),
  );

  const anomalies = inBranch(set.reconciliation).filter((a) => {
    const fell = a.confirmationsPrev30 > 0 && (a.confirmationsPrev30 - a.confirmationsLast30) / a.confirmationsPrev30 >= 0.5;
    const onDCount = allTx.filter((t) => t.accountNo === a.accountNo).length;
    return fell && onDCount > 0 && onDCount >= (3 * a.txLast30) / 30 - 1e-9;
  });

  const outside = (t: { time: string }): boolean => {
    const hm = t.time.slice(11);
    return hm < '08:30:00' || hm > '17:30:00';
  };
  const compliance = tx.filter((t) => {
    const v = cny(t.amount, t.currency);
    return (v !== null && v >= 50_000 && !t.doubleChecked) || (t.channel === '柜面' && outside(t));
  });

  const byId = new Map(inBranch(set.customers).map((c) => [c.customerId, c]));
  const custIssues = [...byId.values()].filter(
    (c) => !validId(c.idNumber) || (c.idExpiry !== '长期' && new Date(c.idExpiry) < new Date(date)) || !c.phone?.trim(),
  );

  const inspections = inBranch(set.deviceInspections.filter((d) => onDay(d.time, date)));
  const devices = uniq(inspections.map((d) => d.deviceId));
  const faulty = devices.filter((id) => inspections.some((d) => d.deviceId === id && d.state === '故障'));
  const low = devices.filter((id) => inspections.some((d) => d.deviceId === id && d.printerPaperPct !== null && d.printerPaperPct < 20));
  const corrections = inBranch(set.corrections.filter((c) => onDay(c.time, date)));

  return {
    'transactions.total': tx.length,
    'transactions.byChannel.counter': counter.length,
    'transactions.byChannel.selfService': tx.filter((t) => t.channel === '自助').length,
    'transactions.byChannel.online': online.length,
    'transactions.onlineShare': share(online.length, tx.length),
    'tellers.active': tellers.length,
    'tellers.avgTransactionsPerTeller': share(counter.length, tellers.length),
    'tellers.avgHandleSeconds': mean(handled),
    'queue.tickets': tickets.length,
    'queue.avgWaitSeconds': mean(waits),
    'queue.p90WaitSeconds': p90,
    'queue.waitOver15MinShare': share(waits.filter((w) => w > 15 * 60).length, waits.length),
    'queue.peakHour': peak,
    'complaints.total': complaints.length,
    'complaints.byLevel.1': complaints.filter((c) => c.level === 1).length,
    'complaints.byLevel.2': complaints.filter((c) => c.level === 2).length,
    'complaints.byLevel.3': complaints.filter((c) => c.level === 3).length,
    'complaints.slaBreaches': breached.length,
    'aml.largeValueReports': large.length,
    'aml.alerts': alertsOnD.length,
    'aml.alertsHandledShare': share(alertsOnD.filter((a) => a.state !== '待处理').length, alertsOnD.length),
    'aml.overdueAlerts': overdue.length,
    'risk.reversals': reversals.length,
    'risk.overLimitAuthorizations': overLimit.length,
    'risk.flaggedTellers': flagged.length,
    'reconciliation.anomalyAccounts': anomalies.length,
    'dayEndChecks.missingVouchers': counter.filter((t) => !t.voucherScanned).length,
    'dayEndChecks.complianceExceptions': compliance.length,
    'dayEndChecks.customerInfoIssues': custIssues.length,
    'devices.total': devices.length,
    'devices.faulty': faulty.length,
    'devices.availability': devices.length === 0 ? null : 1 - faulty.length / devices.length,
    'devices.lowConsumables': low.length,
    'errors.corrections': corrections.length,
    'errors.rate': share(corrections.length, tx.length),
  };
}
