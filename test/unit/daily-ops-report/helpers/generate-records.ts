// A small deterministic world of records for one data date, with the edge cases the spec's rules
// turn on placed deliberately (thresholds hit exactly, ties, boundaries of the counter window).
import type {
  AmlAlertRecord,
  ComplaintRecord,
  CorrectionRecord,
  CustomerRecord,
  DeviceInspectionRecord,
  QueueTicketRecord,
  ReconciliationRecord,
  TransactionRecord,
} from '../../../../bots/records';

export interface RecordSet {
  date: string;
  transactions: TransactionRecord[];
  corrections: CorrectionRecord[];
  reconciliation: ReconciliationRecord[];
  customers: CustomerRecord[];
  queueTickets: QueueTicketRecord[];
  complaints: ComplaintRecord[];
  amlAlerts: AmlAlertRecord[];
  deviceInspections: DeviceInspectionRecord[];
}

/** mulberry32: tiny, seedable, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `date` + seconds since its midnight, as local text (may run into the next days). */
function at(date: string, seconds: number): string {
  const day = Math.floor(seconds / 86400);
  const s = seconds - day * 86400;
  return `${shiftDate(date, day)} ${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

function idWithCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * (w[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}

export interface GenerateOptions {
  seed: number;
  date: string;
  transactions?: number;
  branches?: number;
}

export function generateRecords(options: GenerateOptions): RecordSet {
  const r = rng(options.seed);
  const { date } = options;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const branches = Array.from({ length: options.branches ?? 4 }, (_, i) => `B${pad(i + 1, 3)}`);
  const tellers = branches.flatMap((b, bi) => Array.from({ length: 4 }, (_, i) => ({ id: `T${bi}${i}`, branch: b })));
  const accounts = Array.from({ length: 40 }, (_, i) => ({
    no: `62220${pad(i, 6)}`,
    branch: branches[i % branches.length] as string,
    kind: (i % 3 === 0 ? '对公' : '个人') as '对公' | '个人',
  }));

  const transactions: TransactionRecord[] = [];
  const n = options.transactions ?? 600;
  for (let i = 0; i < n; i++) {
    const channel = pick(['柜面', '柜面', '自助', '网银', '手机银行'] as const);
    const teller = channel === '柜面' ? pick(tellers) : null;
    const acct = pick(accounts);
    // Mostly banking hours, some at the edges of the counter window and outside it.
    const second = pick([8 * 3600 + 30 * 60, 17 * 3600 + 30 * 60, 8 * 3600 + 29 * 60 + 59, 17 * 3600 + 30 * 60 + 1, int(7 * 3600, 20 * 3600), int(9 * 3600, 17 * 3600)]);
    const currency = pick(['CNY', 'CNY', 'CNY', 'USD', 'HKD', 'EUR']);
    const amount = pick([
      int(1, 5000) + int(0, 99) / 100,
      50_000,
      49_999.99,
      500_000,
      200_000,
      2_000_000,
      7042.26, // USD × 7.1 = 50,000.046: over the cash threshold
      7042.25, // USD × 7.1 = 49,999.975: under it
      int(10_000, 3_000_000),
    ]);
    transactions.push({
      id: `TX${date.replace(/-/g, '')}${pad(i, 6)}`,
      time: at(date, second),
      branchId: teller?.branch ?? acct.branch,
      tellerId: teller?.id ?? null,
      channel,
      type: pick(['转账', '存款', '取款', '缴费']),
      amount,
      currency,
      customerKind: acct.kind,
      accountNo: acct.no,
      customerId: `C${pad(int(1, 80), 5)}`,
      crossBorder: r() < 0.15,
      cash: channel !== '网银' && channel !== '手机银行' && r() < 0.4,
      state: pick(['正常', '正常', '正常', '正常', '冲正', '撤销'] as const),
      authorization: pick(['none', 'none', 'onsite', 'remote'] as const),
      overLimit: r() < 0.01,
      voucherScanned: channel !== '柜面' || r() < 0.93,
      doubleChecked: r() < 0.5,
      handleSeconds: channel === '柜面' ? (r() < 0.05 ? null : int(60, 900)) : null,
    });
  }
  // A currency without a rate: its amount rules cannot be judged.
  transactions.push({ ...(transactions[0] as TransactionRecord), id: `TXXAU${date}`, currency: 'XAU', amount: 1_000_000, cash: true });
  // A record of another date: ignored.
  transactions.push({ ...(transactions[1] as TransactionRecord), id: `TXOLD${date}`, time: at(shiftDate(date, -1), 40_000) });

  const corrections: CorrectionRecord[] = Array.from({ length: int(0, 6) }, (_, i) => {
    const t = pick(transactions.slice(0, n));
    return { id: `CR${pad(i, 4)}`, time: at(date, int(9 * 3600, 18 * 3600)), branchId: t.branchId, tellerId: t.tellerId, transactionId: t.id, reason: '金额错误' };
  });

  const reconciliation: ReconciliationRecord[] = accounts
    .filter((a) => a.kind === '对公')
    .map((a, i) => {
      const prev = pick([0, 10, 20, 7]);
      return {
        accountNo: a.no,
        accountName: `测试公司${i}`,
        branchId: a.branch,
        // Exactly half, a bit more than half, or no fall at all.
        confirmationsPrev30: prev,
        confirmationsLast30: pick([Math.floor(prev / 2), Math.ceil(prev / 2), prev, 0]),
        txLast30: pick([0, 30, 60, int(0, 300)]),
      };
    });

  const customers: CustomerRecord[] = Array.from({ length: 80 }, (_, i) => {
    const body = `110105${1950 + int(0, 50)}${pad(int(1, 12))}${pad(int(1, 28))}${pad(int(0, 999), 3)}`;
    const valid = idWithCheck(body);
    const wrongCheck = body + (valid.endsWith('0') ? '1' : '0');
    return {
      customerId: `C${pad(i + 1, 5)}`,
      name: `客户${i}`,
      branchId: pick(branches),
      idNumber: pick([valid, valid, valid, wrongCheck, valid.slice(0, 15), valid.toLowerCase()]),
      idExpiry: pick(['长期', shiftDate(date, 400), date, shiftDate(date, -1)] as const),
      phone: pick(['13812345678', '13900001111', null, '', ' ']),
    };
  });
  customers.push({ ...(customers[0] as CustomerRecord) }); // seen twice: counts once

  const queueTickets: QueueTicketRecord[] = Array.from({ length: 150 }, (_, i) => {
    const issued = int(8 * 3600, 17 * 3600);
    const called = r() < 0.9 ? issued + pick([int(0, 1800), 900, 901]) : null;
    return {
      id: `Q${pad(i, 5)}`,
      branchId: pick(branches),
      serviceType: pick(['个人业务', '对公业务']),
      issuedAt: at(date, issued),
      calledAt: called === null ? null : at(date, called),
      finishedAt: called === null ? null : at(date, called + int(60, 900)),
      abandoned: called === null,
    };
  });

  const complaints: ComplaintRecord[] = Array.from({ length: 12 }, (_, i) => {
    const received = int(9 * 3600, 20 * 3600);
    const level = pick([1, 2, 3] as const);
    const maybe = (s: number): string | null => (r() < 0.2 ? null : at(date, received + s));
    return {
      id: `CP${pad(i, 4)}`,
      branchId: pick(branches),
      level,
      customerName: `投诉人${i}`,
      customerPhone: pick(['13812345678', null]),
      summary: pick(['等候时间过长', '=HYPERLINK("http://x")', '<script>alert(1)</script>', '+86 转账未到账', '@客服 态度差', '-1 元手续费']),
      receivedAt: at(date, received),
      firstContactAt: maybe(pick([1800, 1801, int(60, 4000)])),
      supervisorAt: maybe(pick([7200, 7201, int(600, 10000)])),
      closedAt: maybe(pick([int(600, 3600), 86_400 * 2, 3 * 3600])),
    };
  });

  const amlAlerts: AmlAlertRecord[] = Array.from({ length: 20 }, (_, i) => {
    // Created on D, the day before, or earlier; exactly at D's midnight is exactly 24 h at D's end.
    const created = pick([int(0, 86399), -1, 0, -int(1, 5 * 86400), 86_400 + 3600]);
    const state = pick(['待处理', '已处理', '已上报'] as const);
    const handled = state === '待处理' ? null : at(date, pick([created + 600, 86_400 + 7200, 86_399, 86_400]));
    return { id: `AML${pad(i, 4)}`, createdAt: at(date, created), rule: pick(['频繁大额现金', '快进快出']), accountNo: pick(accounts).no, branchId: pick(branches), state, handledAt: handled };
  });

  const deviceInspections: DeviceInspectionRecord[] = Array.from({ length: 16 }, (_, i) => ({
    deviceId: `DV${pad(i, 3)}`,
    type: pick(['叫号机', 'ATM', '点钞机', '智能柜台'] as const),
    branchId: branches[i % branches.length] as string,
    time: at(date, int(8 * 3600, 9 * 3600)),
    state: r() < 0.15 ? '故障' : '正常',
    cardReaderOk: r() < 0.5 ? null : r() < 0.9,
    printerPaperPct: r() < 0.3 ? null : pick([19, 20, 5, 80]),
  }));
  // A second inspection of one device later that day.
  deviceInspections.push({ ...(deviceInspections[0] as DeviceInspectionRecord), time: at(date, 15 * 3600), state: '故障', printerPaperPct: 10 });

  return { date, transactions, corrections, reconciliation, customers, queueTickets, complaints, amlAlerts, deviceInspections };
}
