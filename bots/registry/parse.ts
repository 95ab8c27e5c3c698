import type { RegistryChange, RegistryCompanyRecord, RegistryListEntry } from '../records';
import type { z } from 'zod';

type BaseInfo = Omit<RegistryCompanyRecord, 'changes' | 'abnormalOperations' | 'seriousViolations' | 'evidence'>;
type Change = z.infer<typeof RegistryChange>;

/** Labels of the 基本信息 tab → record fields. Several spellings, as the real portal has over the years. */
const FIELD_BY_LABEL: Record<string, keyof BaseInfo> = {
  统一社会信用代码: 'uscc', '统一社会信用代码/注册号': 'uscc', 注册号: 'uscc',
  企业名称: 'name', 名称: 'name',
  类型: 'companyType', 企业类型: 'companyType',
  法定代表人: 'legalRepresentative', 负责人: 'legalRepresentative', 经营者: 'legalRepresentative',
  注册资本: 'registeredCapital', 注册资金: 'registeredCapital',
  成立日期: 'registeredDate', 注册日期: 'registeredDate',
  营业期限至: 'operatingUntil',
  登记机关: 'authority',
  登记状态: 'status',
  所在省份: 'province', 所在地区: 'region',
  住所: 'address', 注册地址: 'address', 经营场所: 'address',
  经营范围: 'businessScope',
};
const REQUIRED: (keyof BaseInfo)[] = ['uscc', 'name', 'legalRepresentative', 'status'];

/** The code as people type it → as the registry keys it: spaces gone, full-width folded, upper case. */
export function normaliseCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * The 基本信息 table's (label, value) pairs → the company's fields. Values are kept as shown;
 * a missing 登记状态 means 存续 and a missing 营业期限至 means 长期 (the spec).
 */
export function parseBaseInfo(pairs: [string, string][]): ParseOutcome<BaseInfo> {
  const out: Partial<Record<keyof BaseInfo, string>> = {};
  for (const [label, value] of pairs) {
    const field = FIELD_BY_LABEL[label.replace(/[\s:：]/gu, '')];
    if (field) out[field] = value.trim();
  }
  const missing = REQUIRED.filter((f) => out[f] === undefined);
  if (missing.length) return { ok: false, problem: `基本信息 lacks ${missing.join(', ')} (labels seen: ${pairs.map(([l]) => l).join(' ')})` };
  return {
    ok: true,
    value: {
      uscc: out.uscc!, name: out.name!, registeredDate: out.registeredDate ?? '', companyType: out.companyType ?? '',
      legalRepresentative: out.legalRepresentative!, registeredCapital: out.registeredCapital ?? '', businessScope: out.businessScope ?? '',
      province: out.province ?? '', region: out.region ?? '', address: out.address ?? '',
      status: out.status || '存续', operatingUntil: out.operatingUntil || '长期', authority: out.authority ?? '',
    },
  };
}

const CHANGE_FIELDS: Record<string, keyof Change> = { 变更事项: 'item', 变更前内容: 'before', 变更后内容: 'after', 变更日期: 'date' };

/** The 变更记录 table (header texts + row cells) → change entries; columns may come in any order. */
export function parseChanges(headers: string[], rows: string[][]): ParseOutcome<Change[]> {
  const fields = headers.map((h) => CHANGE_FIELDS[h.trim()]);
  const missing = Object.entries(CHANGE_FIELDS).filter(([, f]) => !fields.includes(f)).map(([label]) => label);
  if (missing.length) return { ok: false, problem: `变更记录 lacks column ${missing.join(', ')}` };
  return {
    ok: true,
    value: rows.map((cells) => {
      const change: Change = { date: '', item: '', before: '', after: '' };
      fields.forEach((f, i) => { if (f) change[f] = (cells[i] ?? '').trim(); });
      return change;
    }),
  };
}

/** The result row whose code is the one searched for (a name search can list several). */
export function pickResult(rows: { code: string; href: string }[], code: string): string | undefined {
  return rows.find((r) => normaliseCode(r.code) === code)?.href;
}

/** Columns of the 经营异常信息 and 严重违法失信信息 tables → entry fields (the two tabs word the list differently). */
function listField(header: string): keyof RegistryListEntry | undefined {
  const h = header.replace(/\s/gu, '');
  if (/^列入.*原因$/u.test(h)) return 'reason';
  if (h === '列入日期') return 'listedOn';
  if (h === '作出决定机关' || h === '决定机关') return 'authority';
  if (/^移出.*原因$/u.test(h)) return 'removalReason';
  if (h === '移出日期') return 'removedOn';
  return undefined;
}
const REQUIRED_LIST_FIELDS: (keyof RegistryListEntry)[] = ['reason', 'listedOn', 'authority', 'removalReason', 'removedOn'];

/**
 * A list tab's table (header texts + row cells) → list entries; columns may come in any order.
 * Removal cells are empty while the company is still listed: those fields are then absent.
 */
export function parseListEntries(headers: string[], rows: string[][]): ParseOutcome<RegistryListEntry[]> {
  const fields = headers.map(listField);
  const missing = REQUIRED_LIST_FIELDS.filter((f) => !fields.includes(f));
  if (missing.length) return { ok: false, problem: `list tab lacks column for ${missing.join(', ')} (headers: ${headers.join(' ')})` };
  return {
    ok: true,
    value: rows.map((cells) => {
      const entry: RegistryListEntry = { listedOn: '', reason: '', authority: '' };
      fields.forEach((f, i) => {
        const value = (cells[i] ?? '').trim();
        if (f === 'removedOn' || f === 'removalReason') {
          if (value) entry[f] = value;
        } else if (f) entry[f] = value;
      });
      return entry;
    }),
  };
}

/** The count a record tab's label states, `经营异常信息（3）` → 3; undefined when it states none. */
export function parseTabCount(text: string): number | undefined {
  const m = /[（(]\s*([\d,]+)\s*[）)]/u.exec(text);
  return m ? Number(m[1]!.replace(/,/gu, '')) : undefined;
}
