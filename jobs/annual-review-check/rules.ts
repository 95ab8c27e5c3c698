// The cross-check rules of the spec's table: one account (bank side) against what the registry
// lookup returned, producing at most one flag per field. A flag on a field the registry's 变更记录
// dates carries when it changed and how late the customer is (change-dates.ts); the two lists are
// judged from the registry alone (listings.ts).
//
// Example:
//   const flags = checkAccount(account, { kind: 'found', company }, '2025-10-31');
//   const { verdict } = judgeAccount(account, lookup, '2025-10-31');

import type { RegistryCompanyRecord, RegistryListEntry, ReviewAccountRecord } from '../../bots/records';
import { compareAddress } from './address';
import { formatCapital, parseCapital, sameCapital } from './capital';
import { changeDating, changeDatingEnding, type ChangeEntry } from './change-dates';
import type { DatedField } from './change-items';
import { formatTerm, parseTermDate, sameTerm, type TermDate } from './dates';
import type { Flag, FlagField, RuleId, Severity, Verdict } from './flag';
import { compareFlags } from './flag';
import { latestCurrentListing, listingValue } from './listings';
import { isBlank, normalisePersonName, sameText } from './normalise';
import { classifyStatus } from './status';
import { validateUscc } from './uscc';

/**
 * The registry fields the rules compare (a full RegistryCompanyRecord is one too), and what they
 * judge from the registry alone: the change history that dates a flag, and the two lists. Those
 * three are optional: a record without them dates nothing and lists nothing.
 */
export type RegistryCompanyFields = Pick<
  RegistryCompanyRecord,
  'uscc' | 'name' | 'legalRepresentative' | 'registeredCapital' | 'businessScope' | 'address' | 'status' | 'operatingUntil'
> & {
  changes?: readonly ChangeEntry[];
  abnormalOperations?: readonly RegistryListEntry[];
  seriousViolations?: readonly RegistryListEntry[];
};

/** What the registry bot answered for one code. `failed` = portal down after all retries. */
export type RegistryLookup =
  | { kind: 'found'; company: RegistryCompanyFields }
  | { kind: 'notFound' }
  | { kind: 'failed'; error: string };

export interface AccountJudgement {
  accountNo: string;
  verdict: Verdict;
  /** Most severe first. Empty for `pass` and `unverifiable`. */
  flags: Flag[];
}

/** Who a flag is about: the same three values head every flag of one account. */
interface Identity {
  accountNo: string;
  uscc: string;
  name: string;
}

const STATUS_RULES = {
  revoked: 'status.revoked',
  cancelled: 'status.cancelled',
  deregistered: 'status.deregistered',
  movedOut: 'status.movedOut',
  suspended: 'status.suspended',
  liquidating: 'status.liquidating',
  unknown: 'status.unrecognised',
} as const satisfies Record<string, RuleId>;

/** One flag, built field by field (no object spreads: this runs for every flag of a 100,000-account run). */
function flagOf(id: Identity, field: FlagField, severity: Severity, rule: RuleId, bankValue: string | null, registryValue: string | null, message: string): Flag {
  return { accountNo: id.accountNo, uscc: id.uscc, name: id.name, field, severity, rule, bankValue, registryValue, message };
}

function statusFlag(id: Identity, company: RegistryCompanyFields): Flag | null {
  const status = classifyStatus(company.status);
  if (status.class === 'active' || status.kind === 'active') return null;
  const rule = STATUS_RULES[status.kind];
  if (status.class === 'unknown') {
    // Not in the spec's list: never let an unreadable status pass silently.
    return flagOf(id, 'status', 'high', rule, null, company.status, `登记状态为“${company.status}”，系统无法识别，需人工核实企业是否仍正常存续。`);
  }
  const message =
    status.class === 'critical'
      ? `企业登记状态为“${company.status}”，已不能正常经营，账户须按规定处理。`
      : `企业登记状态为“${company.status}”，经营状态异常，需联系客户核实。`;
  return flagOf(id, 'status', status.class, rule, null, company.status, message);
}

function nameFlag(id: Identity, account: ReviewAccountRecord, company: RegistryCompanyFields): Flag | null {
  if (sameText(account.name, company.name)) return null;
  return flagOf(id, 'name', 'high', 'name.differs', account.name, company.name, `存款人名称“${account.name}”与登记的企业名称“${company.name}”不一致。`);
}

function legalRepresentativeFlag(id: Identity, account: ReviewAccountRecord, company: RegistryCompanyFields): Flag | null {
  if (account.legalRepresentative === company.legalRepresentative) return null;
  if (normalisePersonName(account.legalRepresentative) === normalisePersonName(company.legalRepresentative)) return null;
  return flagOf(
    id,
    'legalRepresentative',
    'high',
    'legalRepresentative.differs',
    account.legalRepresentative,
    company.legalRepresentative,
    `银行登记的法定代表人“${account.legalRepresentative}”与登记信息“${company.legalRepresentative}”不一致。`,
  );
}

const FOREVER: TermDate = { kind: 'forever' };

function licenseExpiryFlag(id: Identity, account: ReviewAccountRecord, company: RegistryCompanyFields, reviewDate: string): Flag | null {
  // The registry leaves 营业期限至 empty for companies without an end date.
  const registryTerm = isBlank(company.operatingUntil) ? FOREVER : parseTermDate(company.operatingUntil);
  if (registryTerm?.kind === 'date' && registryTerm.iso < reviewDate) {
    return flagOf(
      id,
      'licenseExpiry',
      'high',
      'licenseExpiry.expired',
      account.licenseExpiry,
      company.operatingUntil,
      `营业执照已于 ${registryTerm.iso} 到期（核验日 ${reviewDate}）。`,
    );
  }
  if (isBlank(account.licenseExpiry)) return null;
  const bankText = account.licenseExpiry ?? '';
  const bankTerm = parseTermDate(bankText);
  if (bankTerm && registryTerm) {
    if (sameTerm(bankTerm, registryTerm)) return null;
    return flagOf(
      id,
      'licenseExpiry',
      'medium',
      'licenseExpiry.differs',
      bankText,
      company.operatingUntil,
      `银行记录的营业执照有效期至 ${formatTerm(bankTerm)}，登记为 ${formatTerm(registryTerm)}。`,
    );
  }
  // One side is not a date we can read: only identical text counts as the same.
  if (sameText(bankText, company.operatingUntil)) return null;
  const unreadable = bankTerm ? `登记的营业期限“${company.operatingUntil}”` : `银行记录的有效期“${bankText}”`;
  return flagOf(id, 'licenseExpiry', 'medium', 'licenseExpiry.differs', bankText, company.operatingUntil, `${unreadable}不是可识别的日期，无法确认有效期一致，请人工核对。`);
}

function registeredCapitalFlag(id: Identity, account: ReviewAccountRecord, company: RegistryCompanyFields): Flag | null {
  if (account.registeredCapital === company.registeredCapital) return null;
  const bank = parseCapital(account.registeredCapital);
  const registry = parseCapital(company.registeredCapital);
  if (bank.kind === 'missing' || registry.kind === 'missing') return null;
  const bankText = account.registeredCapital ?? '';
  if (bank.kind === 'amount' && registry.kind === 'amount') {
    if (sameCapital(bank.capital, registry.capital)) return null;
    const rule = bank.capital.currency === registry.capital.currency ? 'registeredCapital.amount' : 'registeredCapital.currency';
    return flagOf(
      id,
      'registeredCapital',
      'medium',
      rule,
      bankText,
      company.registeredCapital,
      `注册资本不一致：银行记录 ${formatCapital(bank.capital)}，登记为 ${formatCapital(registry.capital)}。`,
    );
  }
  if (sameText(bankText, company.registeredCapital)) return null;
  const unreadable = bank.kind === 'unparseable' ? `银行记录的“${bankText}”` : `登记的“${company.registeredCapital}”`;
  return flagOf(id, 'registeredCapital', 'medium', 'registeredCapital.unparseable', bankText, company.registeredCapital, `注册资本${unreadable}无法识别金额和币种，请人工核对。`);
}

function addressFlag(id: Identity, account: ReviewAccountRecord, company: RegistryCompanyFields): Flag | null {
  if (isBlank(account.address) || isBlank(company.address)) return null;
  const bankText = account.address ?? '';
  const comparison = compareAddress(bankText, company.address);
  if (comparison.match) return null;
  const flag = flagOf(
    id,
    'address',
    'medium',
    'address.differs',
    bankText,
    company.address,
    `注册地址不一致（相似度 ${Math.round(comparison.similarity * 100)}%）：银行记录“${bankText}”，登记为“${company.address}”。`,
  );
  flag.similarity = comparison.similarity;
  return flag;
}

function businessScopeFlag(id: Identity, account: ReviewAccountRecord, company: RegistryCompanyFields): Flag | null {
  if (isBlank(account.businessScope) || isBlank(company.businessScope)) return null;
  const bankText = account.businessScope ?? '';
  if (sameText(bankText, company.businessScope)) return null;
  return flagOf(id, 'businessScope', 'low', 'businessScope.differs', bankText, company.businessScope, '经营范围与登记信息不一致，请核实是否已办理变更。');
}

/** On a registry list: the latest current entry, whatever the account's other flags (spec). */
function listingFlag(id: Identity, field: 'seriousViolation' | 'abnormalOperation', entries: readonly RegistryListEntry[] | undefined, reviewDate: string): Flag | null {
  const entry = latestCurrentListing(entries, reviewDate);
  if (!entry) return null;
  const list = field === 'seriousViolation' ? '严重违法失信名单' : '经营异常名录';
  const by = isBlank(entry.authority) ? '' : `由${entry.authority}`;
  const message = `企业于 ${entry.listedOn} ${by}列入${list}（${entry.reason}），核验日 ${reviewDate} 仍在${list}中。`;
  return flagOf(id, field, field === 'seriousViolation' ? 'critical' : 'high', field, null, listingValue(entry), message);
}

/** The registry's current value of each field a 变更记录 entry can date. */
const CURRENT_VALUE: Record<DatedField, (company: RegistryCompanyFields) => string> = {
  name: (c) => c.name,
  legalRepresentative: (c) => c.legalRepresentative,
  licenseExpiry: (c) => c.operatingUntil,
  registeredCapital: (c) => c.registeredCapital,
  address: (c) => c.address,
  businessScope: (c) => c.businessScope,
};

/**
 * Adds to a flag on a dated field when the registry changed it and the customer should have told
 * the bank: the change date, the deadline, the working days past it, and the message's ending.
 */
function addFlag(flags: Flag[], flag: Flag | null, company?: RegistryCompanyFields, field?: DatedField, reviewDate?: string): void {
  if (!flag) return;
  if (field !== undefined && reviewDate !== undefined && company?.changes && company.changes.length > 0) {
    const dating = changeDating(company.changes, field, CURRENT_VALUE[field](company), reviewDate);
    if (dating) {
      flag.changedOn = dating.changedOn;
      flag.reportDueOn = dating.reportDueOn;
      flag.overdueWorkingDays = dating.overdueWorkingDays;
      flag.message += changeDatingEnding(dating);
    }
  }
  flags.push(flag);
}

/** The field comparisons, then the lists, in the spec's field order (so sorting only has to order by severity). */
function registryFlags(id: Identity, account: ReviewAccountRecord, company: RegistryCompanyFields, reviewDate: string): Flag[] {
  const flags: Flag[] = [];
  addFlag(flags, statusFlag(id, company));
  addFlag(flags, nameFlag(id, account, company), company, 'name', reviewDate);
  addFlag(flags, legalRepresentativeFlag(id, account, company), company, 'legalRepresentative', reviewDate);
  addFlag(flags, licenseExpiryFlag(id, account, company, reviewDate), company, 'licenseExpiry', reviewDate);
  addFlag(flags, registeredCapitalFlag(id, account, company), company, 'registeredCapital', reviewDate);
  addFlag(flags, addressFlag(id, account, company), company, 'address', reviewDate);
  addFlag(flags, businessScopeFlag(id, account, company), company, 'businessScope', reviewDate);
  addFlag(flags, listingFlag(id, 'seriousViolation', company.seriousViolations, reviewDate));
  addFlag(flags, listingFlag(id, 'abnormalOperation', company.abnormalOperations, reviewDate));
  if (flags.length > 1) flags.sort(compareFlags);
  return flags;
}

/**
 * All flags for one account, most severe first. An invalid code short-circuits everything (no
 * lookup is needed to know it); `notFound` short-circuits the field comparisons; a failed lookup
 * gives no flags (the verdict is `unverifiable`, see judgeAccount).
 */
export function checkAccount(account: ReviewAccountRecord, lookup: RegistryLookup, reviewDate: string): Flag[] {
  const uscc = validateUscc(account.uscc);
  const id: Identity = { accountNo: account.accountNo, uscc: uscc.code || account.uscc, name: account.name };
  if (!uscc.ok) {
    const rule = `uscc.${uscc.reason}` as const;
    const message = `统一社会信用代码“${account.uscc}”无效：${uscc.detail}。`;
    return [flagOf(id, 'uscc', 'critical', rule, account.uscc, null, message)];
  }
  if (lookup.kind === 'failed') return [];
  if (lookup.kind === 'notFound') {
    const message = `统一社会信用代码 ${uscc.code} 格式有效，但登记系统中查无此企业。`;
    return [flagOf(id, 'notFound', 'critical', 'notFound', account.uscc, null, message)];
  }
  return registryFlags(id, account, lookup.company, reviewDate);
}

/** The verdict with its flags. A failed lookup is `unverifiable`, never `pass`. */
export function judgeAccount(account: ReviewAccountRecord, lookup: RegistryLookup, reviewDate: string): AccountJudgement {
  const flags = checkAccount(account, lookup, reviewDate);
  const verdict: Verdict = flags.length > 0 ? 'mismatch' : lookup.kind === 'failed' ? 'unverifiable' : 'pass';
  return { accountNo: account.accountNo, verdict, flags };
}

/** Whether the account needs a registry lookup at all (an invalid code is flagged without one). */
export function needsLookup(account: ReviewAccountRecord): boolean {
  return validateUscc(account.uscc).ok;
}
