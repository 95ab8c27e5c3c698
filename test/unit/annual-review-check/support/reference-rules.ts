// The rules as they were written before the engine was tuned for speed (commit 18ca516), and issue
// #17's lists and change dating written the same way: plain, obviously-correct code with no fast
// paths, caches or hand-built flags. Kept only as the
// reference the tuned rules are compared with (optimised-vs-reference.test.ts): any result they
// give differently is a bug in the tuning.

import type { RegistryCompanyRecord, RegistryListEntry, ReviewAccountRecord } from '../../../../bots/records';
import type { Flag, FlagField, RuleId, Severity, Verdict } from '../../../../jobs/annual-review-check/flag';
import { compareFlags } from '../../../../jobs/annual-review-check/flag';
// The answer key's working-day arithmetic (its own code over the same published holiday data):
// issue #17's change dating is checked against it rather than against the product's calendar.
import { reportDueOn, workingDaysAfter } from '../../../../fixtures/generator/business-days';

// ---- normalise.ts

/** Every bracket style clerks and portals use, mapped onto ASCII `(` / `)`. */
const OPEN_BRACKETS = '（(﹙〔【［[｛{〖「『';
/** Whitespace to drop and brackets to unify, in one pass (this runs millions of times). */
const SPACES_AND_BRACKETS = /\s+|[（(﹙〔【［[｛{〖「『）)﹚〕】］\]｝}〗」』]/gu;
/**
 * Middle dots in transliterated personal names (艾力·托合提): U+00B7, bullet, full-width full stop
 * (which NFKC turns into `.`), katakana middle dot, hyphenation point, dot operators.
 */
const MIDDLE_DOTS = /[·•.．・･‧∙⋅]/gu;

/**
 * NFKC (full-width → half-width, U+3000 → space), all whitespace removed, brackets unified to
 * `()`, Latin letters upper-cased (bank systems often store `WAYNE` where the registry has `Wayne`).
 */
export function normaliseText(value: string): string {
  return value
    .normalize('NFKC')
    .replace(SPACES_AND_BRACKETS, (match) => (/^\s/u.test(match) ? '' : OPEN_BRACKETS.includes(match) ? '(' : ')'))
    .toUpperCase();
}

/** Equal after normalisation; identical raw text short-cuts the work (the common case). */
export function sameText(a: string, b: string): boolean {
  return a === b || normaliseText(a) === normaliseText(b);
}

/** normaliseText plus one middle dot `·` for every dot style: for legal representatives' names. */
export function normalisePersonName(value: string): string {
  return normaliseText(value).replace(MIDDLE_DOTS, '·');
}

/** A value that says "nothing here": empty, whitespace, `N/A`, `-`, `无`, `null`. */
export function isBlank(value: string | null | undefined): boolean {
  if (value == null) return true;
  const trimmed = value.trim();
  // Every blank marker is short; long text is never blank (and skipping it keeps this cheap).
  if (trimmed.length > 8) return false;
  const text = normaliseText(trimmed);
  return text === '' || text === 'N/A' || text === 'NA' || text === '-' || text === '--' || text === '无' || text === 'NULL';
}

// ---- uscc.ts

/** The 31 characters GB 32100 allows (no I, O, Z, S, V: they look like digits). */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of position i is 3^i mod 31 (GB 32100 §4.2). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 organisation-code weights for its 8 body characters. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccInvalidReason = 'empty' | 'length' | 'alphabet' | 'checkChar' | 'orgCodeCheckDigit';

export type UsccResult =
  | { ok: true; code: string }
  | { ok: false; code: string; reason: UsccInvalidReason; detail: string };

/** Strips every kind of whitespace (incl. U+3000) and upper-cases; full-width letters become ASCII. */
export function compactUscc(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** The GB 32100 check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The GB 11714 check digit for an 8-character organisation-code body. Letters count A=10 … Z=35
 * (a common bug is to reject letters or count them from 1). Result 10 is written `X`, 11 is `0`.
 */
export function orgCodeCheckDigit(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charAt(i);
    const value = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

export function validateUscc(raw: string): UsccResult {
  const code = compactUscc(raw);
  if (code === '') return { ok: false, code, reason: 'empty', detail: '代码为空' };
  if (code.length !== 18) {
    return { ok: false, code, reason: 'length', detail: `长度为 ${code.length} 位，应为 18 位` };
  }
  const bad = [...code].filter((ch) => !USCC_ALPHABET.includes(ch));
  if (bad.length > 0) {
    return { ok: false, code, reason: 'alphabet', detail: `含非法字符 ${[...new Set(bad)].join(' ')}` };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return { ok: false, code, reason: 'checkChar', detail: `第 18 位校验码应为 ${expected}，实为 ${code.charAt(17)}` };
  }
  const orgExpected = orgCodeCheckDigit(code.slice(8, 16));
  if (code.charAt(16) !== orgExpected) {
    return {
      ok: false,
      code,
      reason: 'orgCodeCheckDigit',
      detail: `内嵌组织机构代码 ${code.slice(8, 17)} 的校验位应为 ${orgExpected}，实为 ${code.charAt(16)}`,
    };
  }
  return { ok: true, code };
}

// ---- dates.ts

export type TermDate = { kind: 'date'; iso: string } | { kind: 'forever' };

/** `长期` / `无固定期限` / `永久` (and the usual variants) are one value: no end date. */
const FOREVER = /^(长期|长期有效|无固定期限|永久|永久有效|不约定期限|无期限|9999-12-31)$/u;

/** Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoOf(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An Excel serial day number (e.g. 47483 = 2030-01-01) as an ISO date; fractions (time) dropped. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const date = new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * DAY_MS);
  return date.toISOString().slice(0, 10);
}

/** A JS Date from a spreadsheet cell (exceljs gives UTC midnight) as an ISO date. */
export function dateCellToIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Parses one date; `null` when the text is not a date in any form we know. */
export function parseTermDate(raw: string | null | undefined): TermDate | null {
  if (raw == null) return null;
  let text = raw.normalize('NFKC').replace(/\s+/gu, '');
  if (text === '') return null;
  // A term shown as a range (`1998-04-12至2030-01-05`): the end is what matters.
  const range = text.split(/至|~|—|–/u);
  if (range.length === 2 && range[1]) text = range[1];
  if (FOREVER.test(text)) return { kind: 'forever' };

  const ymd = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u.exec(text);
  if (ymd) {
    const iso = isoOf(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
    return iso ? { kind: 'date', iso } : null;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/u.exec(text);
  if (compact) {
    const iso = isoOf(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    return iso ? { kind: 'date', iso } : null;
  }
  // A bare serial from a CSV that was once an Excel sheet: 1 … 2958465 covers years 1900–9999;
  // we only accept 5-digit values (1927–2173) so that a stray small number is not taken as a date.
  if (/^\d{5}(?:\.\d+)?$/u.test(text)) {
    const iso = excelSerialToIso(Number(text));
    return iso ? { kind: 'date', iso } : null;
  }
  return null;
}

export function sameTerm(a: TermDate, b: TermDate): boolean {
  if (a.kind === 'forever' || b.kind === 'forever') return a.kind === b.kind;
  return a.iso === b.iso;
}

export function formatTerm(term: TermDate): string {
  return term.kind === 'forever' ? '长期' : term.iso;
}

// ---- capital.ts


export type Currency = 'CNY' | 'USD' | 'HKD' | 'EUR' | 'JPY' | 'GBP' | 'TWD' | 'MOP';

export interface Capital {
  /** Canonical decimal string in the currency's main unit: no leading zeros, no trailing `.0`. */
  amountYuan: string;
  currency: Currency;
}

export type CapitalParse =
  | { kind: 'amount'; capital: Capital }
  | { kind: 'missing' }
  | { kind: 'unparseable'; text: string };

/** Checked in order: `港元` contains `元`, `万元美元` must be USD, so specific words come first. */
const CURRENCY_WORDS: ReadonlyArray<readonly [RegExp, Currency]> = [
  [/美元|USD|US\$/u, 'USD'],
  [/港币|港元|香港元|HKD|HK\$/u, 'HKD'],
  [/欧元|EUR/u, 'EUR'],
  [/日元|JPY/u, 'JPY'],
  [/英镑|GBP/u, 'GBP'],
  [/新台币|台币|TWD/u, 'TWD'],
  [/澳门元|澳门币|MOP/u, 'MOP'],
];

const CURRENCY_WORDS_GLOBAL = CURRENCY_WORDS.map(([pattern]) => new RegExp(pattern.source, 'gu'));

/** Words that may surround the number without changing it. */
const NEUTRAL_WORDS = /人民币|RMB|CNY|元|整|\(|\)|:|注册资本|注册资金/gu;
const UNIT_WORDS = /万|亿|千/gu;

/** Shifts a plain decimal string by `places` powers of ten to the left/right, exactly. */
function scaleDecimal(digits: string, powerOfTen: number): string {
  const [intPart = '0', fracPart = ''] = digits.split('.');
  let all = intPart + fracPart;
  let pointAt = intPart.length + powerOfTen;
  if (pointAt > all.length) all = all.padEnd(pointAt, '0');
  if (pointAt < 0) {
    all = '0'.repeat(-pointAt) + all;
    pointAt = 0;
  }
  const whole = all.slice(0, pointAt).replace(/^0+/u, '') || '0';
  const frac = all.slice(pointAt).replace(/0+$/u, '');
  return frac ? `${whole}.${frac}` : whole;
}

export function parseCapital(raw: string | null | undefined): CapitalParse {
  if (raw == null || isBlank(raw)) return { kind: 'missing' };
  const text = normaliseText(raw);
  const numbers = text.match(/\d[\d,]*(?:\.\d+)?/gu) ?? [];
  if (numbers.length !== 1 || !numbers[0]) return { kind: 'unparseable', text: raw };
  const number = numbers[0].replace(/,/gu, '');

  const currency = CURRENCY_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? 'CNY';
  let power = 0;
  for (const unit of text.match(UNIT_WORDS) ?? []) power += unit === '亿' ? 8 : unit === '万' ? 4 : 3;

  // Anything left besides the number, units, currency and neutral words means we misread it.
  // Currency words go first: `日元` must not lose its `元` to the neutral words.
  let rest = text.replace(numbers[0], '');
  for (const pattern of CURRENCY_WORDS_GLOBAL) rest = rest.replace(pattern, '');
  rest = rest.replace(UNIT_WORDS, '').replace(NEUTRAL_WORDS, '');
  if (rest !== '') return { kind: 'unparseable', text: raw };

  return { kind: 'amount', capital: { amountYuan: scaleDecimal(number, power), currency } };
}

/** `1,112(万元人民币)` → `11120000 元` for messages; currencies other than CNY keep their code. */
export function formatCapital(capital: Capital): string {
  return capital.currency === 'CNY' ? `${capital.amountYuan} 元` : `${capital.amountYuan} ${capital.currency}`;
}

export function sameCapital(a: Capital, b: Capital): boolean {
  return a.amountYuan === b.amountYuan && a.currency === b.currency;
}

// ---- status.ts


export type StatusKind =
  | 'active'
  | 'revoked' // 吊销
  | 'cancelled' // 撤销
  | 'deregistered' // 注销
  | 'movedOut' // 迁出
  | 'suspended' // 停业 / 歇业
  | 'liquidating' // 清算
  | 'unknown';

export type StatusClass = 'active' | 'critical' | 'high' | 'unknown';

export interface StatusClassification {
  class: StatusClass;
  kind: StatusKind;
}

/**
 * Checked in order. 吊销 before 注销 because `吊销，未注销` is a revocation; 歇业 (suspension under
 * the 2022 市场主体登记管理条例) is treated like 停业.
 */
const KEYWORDS: ReadonlyArray<readonly [RegExp, StatusKind, StatusClass]> = [
  [/吊销/u, 'revoked', 'critical'],
  [/撤销/u, 'cancelled', 'critical'],
  [/注销/u, 'deregistered', 'critical'],
  [/迁出/u, 'movedOut', 'high'],
  [/停业|歇业/u, 'suspended', 'high'],
  [/清算/u, 'liquidating', 'high'],
  [/存续|在业|开业|在营|在册|正常/u, 'active', 'active'],
];

/** Empty status means 存续 (the registry leaves it blank for going concerns). */
export function classifyStatus(raw: string | null | undefined): StatusClassification {
  const text = normaliseText(raw ?? '');
  if (text === '') return { class: 'active', kind: 'active' };
  for (const [pattern, kind, statusClass] of KEYWORDS) {
    if (pattern.test(text)) return { class: statusClass, kind };
  }
  return { class: 'unknown', kind: 'unknown' };
}

// ---- address.ts


/** Provinces as people write them without the suffix (`甘肃兰州市…`). */
const PROVINCE_SHORT_NAMES =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门';

/**
 * One administrative unit: a province/city/district/county/banner name with its suffix, or a bare
 * province name. `{1,12}?` is lazy so that `甘肃省兰州市` splits into two units.
 */
const ADMIN_UNIT = `(?:(?:${PROVINCE_SHORT_NAMES})(?:省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)?|[\\p{Script=Han}]{1,12}?(?:省|自治区|特别行政区|市|自治州|地区|盟|区|县|旗))`;
const ADMIN_PREFIX = new RegExp(`^(?:${ADMIN_UNIT})+$`, 'u');

export interface AddressComparison {
  match: boolean;
  /** 0..1, 1 when equal after normalisation or equal up to an administrative prefix. */
  similarity: number;
}

/** True when `prefix` is made only of administrative-unit names (`甘肃省兰州市`, `北京市朝阳区`). */
export function isAdministrativePrefix(prefix: string): boolean {
  return prefix !== '' && ADMIN_PREFIX.test(prefix);
}

/** 1 − Levenshtein distance / longer length, on code points. */
export function textSimilarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return Math.round((1 - (previous[y.length] ?? longest) / longest) * 1000) / 1000;
}

export function compareAddress(bank: string, registry: string): AddressComparison {
  if (bank === registry) return { match: true, similarity: 1 };
  const a = normaliseText(bank);
  const b = normaliseText(registry);
  if (a === b) return { match: true, similarity: 1 };
  const [longer, shorter] = a.length >= b.length ? [a, b] : [b, a];
  if (shorter !== '' && longer.endsWith(shorter) && isAdministrativePrefix(longer.slice(0, longer.length - shorter.length))) {
    return { match: true, similarity: 1 };
  }
  return { match: false, similarity: textSimilarity(a, b) };
}

// ---- rules.ts


/** What the registry bot answered for one code. `failed` = portal down after all retries. */
export type RegistryLookup =
  | { kind: 'found'; company: RegistryCompanyRecord }
  | { kind: 'notFound' }
  | { kind: 'failed'; error: string };

export interface AccountJudgement {
  accountNo: string;
  verdict: Verdict;
  /** Most severe first. Empty for `pass` and `unverifiable`. */
  flags: Flag[];
}

type FlagBody = Omit<Flag, 'accountNo' | 'uscc' | 'name'>;

const STATUS_RULES = {
  revoked: 'status.revoked',
  cancelled: 'status.cancelled',
  deregistered: 'status.deregistered',
  movedOut: 'status.movedOut',
  suspended: 'status.suspended',
  liquidating: 'status.liquidating',
  unknown: 'status.unrecognised',
} as const satisfies Record<string, RuleId>;

function flagOf(field: FlagField, severity: Severity, rule: RuleId, bankValue: string | null, registryValue: string | null, message: string): FlagBody {
  return { field, severity, rule, bankValue, registryValue, message };
}

function statusFlag(company: RegistryCompanyRecord): FlagBody | null {
  const status = classifyStatus(company.status);
  if (status.class === 'active' || status.kind === 'active') return null;
  const rule = STATUS_RULES[status.kind];
  if (status.class === 'unknown') {
    // Not in the spec's list: never let an unreadable status pass silently.
    return flagOf('status', 'high', rule, null, company.status, `登记状态为“${company.status}”，系统无法识别，需人工核实企业是否仍正常存续。`);
  }
  const message =
    status.class === 'critical'
      ? `企业登记状态为“${company.status}”，已不能正常经营，账户须按规定处理。`
      : `企业登记状态为“${company.status}”，经营状态异常，需联系客户核实。`;
  return flagOf('status', status.class, rule, null, company.status, message);
}

function nameFlag(account: ReviewAccountRecord, company: RegistryCompanyRecord): FlagBody | null {
  if (sameText(account.name, company.name)) return null;
  return flagOf('name', 'high', 'name.differs', account.name, company.name, `存款人名称“${account.name}”与登记的企业名称“${company.name}”不一致。`);
}

function legalRepresentativeFlag(account: ReviewAccountRecord, company: RegistryCompanyRecord): FlagBody | null {
  if (account.legalRepresentative === company.legalRepresentative) return null;
  if (normalisePersonName(account.legalRepresentative) === normalisePersonName(company.legalRepresentative)) return null;
  return flagOf(
    'legalRepresentative',
    'high',
    'legalRepresentative.differs',
    account.legalRepresentative,
    company.legalRepresentative,
    `银行登记的法定代表人“${account.legalRepresentative}”与登记信息“${company.legalRepresentative}”不一致。`,
  );
}

function licenseExpiryFlag(account: ReviewAccountRecord, company: RegistryCompanyRecord, reviewDate: string): FlagBody | null {
  // The registry leaves 营业期限至 empty for companies without an end date.
  const registryTerm = isBlank(company.operatingUntil) ? ({ kind: 'forever' } as const) : parseTermDate(company.operatingUntil);
  if (registryTerm?.kind === 'date' && registryTerm.iso < reviewDate) {
    return flagOf(
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
  return flagOf('licenseExpiry', 'medium', 'licenseExpiry.differs', bankText, company.operatingUntil, `${unreadable}不是可识别的日期，无法确认有效期一致，请人工核对。`);
}

function registeredCapitalFlag(account: ReviewAccountRecord, company: RegistryCompanyRecord): FlagBody | null {
  if (account.registeredCapital === company.registeredCapital) return null;
  const bank = parseCapital(account.registeredCapital);
  const registry = parseCapital(company.registeredCapital);
  if (bank.kind === 'missing' || registry.kind === 'missing') return null;
  const bankText = account.registeredCapital ?? '';
  if (bank.kind === 'amount' && registry.kind === 'amount') {
    if (sameCapital(bank.capital, registry.capital)) return null;
    const rule = bank.capital.currency === registry.capital.currency ? 'registeredCapital.amount' : 'registeredCapital.currency';
    return flagOf(
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
  return flagOf('registeredCapital', 'medium', 'registeredCapital.unparseable', bankText, company.registeredCapital, `注册资本${unreadable}无法识别金额和币种，请人工核对。`);
}

function addressFlag(account: ReviewAccountRecord, company: RegistryCompanyRecord): FlagBody | null {
  if (isBlank(account.address) || isBlank(company.address)) return null;
  const bankText = account.address ?? '';
  const comparison = compareAddress(bankText, company.address);
  if (comparison.match) return null;
  return {
    ...flagOf('address', 'medium', 'address.differs', bankText, company.address, `注册地址不一致（相似度 ${Math.round(comparison.similarity * 100)}%）：银行记录“${bankText}”，登记为“${company.address}”。`),
    similarity: comparison.similarity,
  };
}

function businessScopeFlag(account: ReviewAccountRecord, company: RegistryCompanyRecord): FlagBody | null {
  if (isBlank(account.businessScope) || isBlank(company.businessScope)) return null;
  const bankText = account.businessScope ?? '';
  if (sameText(bankText, company.businessScope)) return null;
  return flagOf('businessScope', 'low', 'businessScope.differs', bankText, company.businessScope, '经营范围与登记信息不一致，请核实是否已办理变更。');
}

// ---- listings.ts (issue #17)

function listDate(text: string | undefined): string | null {
  const term = text === undefined || text.trim() === '' ? null : parseTermDate(text);
  return term?.kind === 'date' ? term.iso : null;
}

function listingFlag(field: 'seriousViolation' | 'abnormalOperation', entries: readonly RegistryListEntry[] | undefined, reviewDate: string): FlagBody | null {
  const current = (entries ?? []).filter((e) => {
    const listed = listDate(e.listedOn);
    if (listed !== null && listed > reviewDate) return false;
    if (e.removedOn === undefined || e.removedOn.trim() === '') return true;
    const removed = listDate(e.removedOn);
    return removed === null || removed > reviewDate;
  });
  if (current.length === 0) return null;
  // The last listed; of equal dates, the later in the list.
  const latest = current.reduce((a, b) => ((listDate(b.listedOn) ?? '') >= (listDate(a.listedOn) ?? '') ? b : a));
  const list = field === 'seriousViolation' ? '严重违法失信名单' : '经营异常名录';
  const by = isBlank(latest.authority) ? '' : `由${latest.authority}`;
  return flagOf(field, field === 'seriousViolation' ? 'critical' : 'high', field, null, `${latest.listedOn} ${latest.reason}`, `企业于 ${latest.listedOn} ${by}列入${list}（${latest.reason}），核验日 ${reviewDate} 仍在${list}中。`);
}

// ---- change-dates.ts (issue #17)

type DatedField = 'name' | 'legalRepresentative' | 'address' | 'registeredCapital' | 'businessScope' | 'licenseExpiry';

const ITEM_KEYWORDS: [string, DatedField][] = [
  ['名称', 'name'], ['法定代表人', 'legalRepresentative'], ['负责人', 'legalRepresentative'], ['投资人', 'legalRepresentative'],
  ['住所', 'address'], ['地址', 'address'], ['经营场所', 'address'], ['注册资本', 'registeredCapital'], ['注册资金', 'registeredCapital'],
  ['经营范围', 'businessScope'], ['营业期限', 'licenseExpiry'],
];

function fieldOfItem(item: string): DatedField | undefined {
  // A 财务负责人 is not the 负责人 who stands for a legal representative.
  const text = item.replaceAll('财务负责人', '#####');
  const hits = ITEM_KEYWORDS.map(([word, field]) => ({ at: text.indexOf(word), field })).filter((h) => h.at >= 0);
  hits.sort((a, b) => a.at - b.at);
  return hits[0]?.field;
}

/** The field's own comparison of a change's `after` with the registry's current value. */
function sameValue(field: DatedField, after: string, current: string): boolean {
  if (isBlank(after)) return false;
  if (field === 'name' || field === 'businessScope') return sameText(after, current);
  if (field === 'legalRepresentative') return normalisePersonName(after) === normalisePersonName(current);
  if (field === 'address') return !isBlank(current) && compareAddress(after, current).match;
  if (field === 'registeredCapital') {
    const a = parseCapital(after);
    const c = parseCapital(current);
    if (a.kind === 'amount' && c.kind === 'amount') return sameCapital(a.capital, c.capital);
    return c.kind !== 'missing' && sameText(after, current);
  }
  const a = parseTermDate(after);
  const c = isBlank(current) ? ({ kind: 'forever' } as const) : parseTermDate(current);
  return a && c ? sameTerm(a, c) : sameText(after, current);
}

const CURRENT: Record<DatedField, (c: RegistryCompanyRecord) => string> = {
  name: (c) => c.name,
  legalRepresentative: (c) => c.legalRepresentative,
  address: (c) => c.address,
  registeredCapital: (c) => c.registeredCapital,
  businessScope: (c) => c.businessScope,
  licenseExpiry: (c) => c.operatingUntil,
};

function dated(flag: FlagBody | null, company: RegistryCompanyRecord, reviewDate: string): FlagBody | null {
  if (!flag || !(flag.field in CURRENT)) return flag;
  const field = flag.field as DatedField;
  const dates = (company.changes ?? [])
    .filter((c) => fieldOfItem(c.item) === field && sameValue(field, c.after, CURRENT[field](company)))
    .map((c) => parseTermDate(c.date))
    .flatMap((t) => (t?.kind === 'date' ? [t.iso] : []))
    .sort();
  const changedOn = dates.at(-1);
  if (changedOn === undefined) return flag;
  const due = reportDueOn(changedOn);
  const overdue = workingDaysAfter(due, reviewDate);
  const ending = overdue > 0 ? `工商登记于 ${changedOn} 变更，应于 ${due} 前到行办理，已逾期 ${overdue} 个工作日` : `工商登记于 ${changedOn} 变更，尚在办理期限内（截至 ${due}）`;
  return { ...flag, message: flag.message + ending, changedOn, reportDueOn: due, overdueWorkingDays: overdue };
}

function registryFlags(account: ReviewAccountRecord, company: RegistryCompanyRecord, reviewDate: string): FlagBody[] {
  return [
    statusFlag(company),
    nameFlag(account, company),
    legalRepresentativeFlag(account, company),
    licenseExpiryFlag(account, company, reviewDate),
    registeredCapitalFlag(account, company),
    addressFlag(account, company),
    businessScopeFlag(account, company),
  ]
    .map((flag) => dated(flag, company, reviewDate))
    .concat([listingFlag('seriousViolation', company.seriousViolations, reviewDate), listingFlag('abnormalOperation', company.abnormalOperations, reviewDate)])
    .filter((flag): flag is FlagBody => flag !== null);
}

/**
 * All flags for one account, most severe first. An invalid code short-circuits everything (no
 * lookup is needed to know it); `notFound` short-circuits the field comparisons; a failed lookup
 * gives no flags (the verdict is `unverifiable`, see judgeAccount).
 */
export function checkAccount(account: ReviewAccountRecord, lookup: RegistryLookup, reviewDate: string): Flag[] {
  const uscc = validateUscc(account.uscc);
  const identity = { accountNo: account.accountNo, uscc: uscc.code || account.uscc, name: account.name };
  if (!uscc.ok) {
    const rule = `uscc.${uscc.reason}` as const;
    const message = `统一社会信用代码“${account.uscc}”无效：${uscc.detail}。`;
    return [{ ...identity, ...flagOf('uscc', 'critical', rule, account.uscc, null, message) }];
  }
  if (lookup.kind === 'failed') return [];
  if (lookup.kind === 'notFound') {
    const message = `统一社会信用代码 ${uscc.code} 格式有效，但登记系统中查无此企业。`;
    return [{ ...identity, ...flagOf('notFound', 'critical', 'notFound', account.uscc, null, message) }];
  }
  return registryFlags(account, lookup.company, reviewDate)
    .map((body) => ({ ...identity, ...body }))
    .sort(compareFlags);
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
