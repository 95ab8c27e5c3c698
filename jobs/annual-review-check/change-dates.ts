// When the registry changed a flagged field, and how late the customer is to bring the change to
// the bank (spec: "When did the registry change, and is the customer late?"). The PBOC rules give
// a company 5 working days; the date comes from the 变更记录 entry that set the registry's current
// value, never from a guess.
//
// Example (review date 2025-10-31):
//   changeDating([{ date: '2025-09-26', item: '法定代表人变更', before: '张三', after: '李四' }], 'legalRepresentative', '李四', '2025-10-31')
//   // → { changedOn: '2025-09-26', reportDueOn: '2025-10-10', overdueWorkingDays: 16 }
//   changeDatingEnding(that) // '工商登记于 2025-09-26 变更，应于 2025-10-10 前到行办理，已逾期 16 个工作日'

import type { RegistryChange } from '../../bots/records';
import { nthWorkingDayAfter, workingDaysAfter } from '../runtime/calendar/working-days';
import { compareAddress } from './address';
import { parseCapital, sameCapital } from './capital';
import { fieldOfChangeItem, type DatedField } from './change-items';
import { parseTermDate, sameTerm, type TermDate } from './dates';
import { isBlank, normalisePersonName, sameText } from './normalise';

/** Working days a company has to bring a registered change to its bank (《人民币银行结算账户管理办法》). */
export const REPORT_WITHIN_WORKING_DAYS = 5;

/** What a change entry needs to date a flag (the lookup index keeps no `before`). */
export type ChangeEntry = Pick<RegistryChange, 'date' | 'item' | 'after'>;

export interface ChangeDating {
  /** The date of the latest 变更记录 entry that set the current value. */
  changedOn: string;
  /** The 5th working day after `changedOn`, on the business calendar. */
  reportDueOn: string;
  /** Working days after `reportDueOn` up to and including the review date; 0 when not yet due. */
  overdueWorkingDays: number;
}

const FOREVER: TermDate = { kind: 'forever' };

/** A licence term as the rule reads the registry's: empty is 长期. */
function registryTerm(text: string): TermDate | null {
  return isBlank(text) ? FOREVER : parseTermDate(text);
}

/**
 * Whether a change's `after` is the registry's current value by the field's own comparison, the
 * one its rule uses to decide the bank's value is the same (so a change written `1,000万元` dates a
 * current `10000000元`, and an address written with its province dates one without). An empty
 * `after` is no value: it dates nothing.
 */
export function sameRegistryValue(field: DatedField, after: string, current: string): boolean {
  if (isBlank(after)) return false;
  switch (field) {
    case 'name':
    case 'businessScope':
      return sameText(after, current);
    case 'legalRepresentative':
      return after === current || normalisePersonName(after) === normalisePersonName(current);
    case 'address':
      return !isBlank(current) && compareAddress(after, current).match;
    case 'registeredCapital': {
      const [a, c] = [parseCapital(after), parseCapital(current)];
      if (a.kind === 'amount' && c.kind === 'amount') return sameCapital(a.capital, c.capital);
      return c.kind !== 'missing' && sameText(after, current);
    }
    case 'licenseExpiry': {
      const [a, c] = [parseTermDate(after), registryTerm(current)];
      if (a && c) return sameTerm(a, c);
      return sameText(after, current);
    }
  }
}

/** The date of a change as `YYYY-MM-DD`, whatever form the page wrote it in; null when it is not a date. */
function isoDateOf(text: string): string | null {
  const term = parseTermDate(text);
  return term?.kind === 'date' ? term.iso : null;
}

const dueDates = new Map<string, string>();

/** The last day to bring a change registered on `changedOn` to the bank: the 5th working day after it. */
export function reportDueOn(changedOn: string): string {
  let due = dueDates.get(changedOn);
  if (due === undefined) dueDates.set(changedOn, (due = nthWorkingDayAfter(changedOn, REPORT_WITHIN_WORKING_DAYS)));
  return due;
}

/**
 * The dating of a flag on `field` whose registry value is `current`: from the latest 变更记录 entry
 * of that field whose `after` equals `current` (an entry whose date is not a date is skipped).
 * Undefined when there is none: no date is taken from an entry whose `after` differs, nor from an
 * entry of another field.
 */
export function changeDating(changes: readonly ChangeEntry[] | undefined, field: DatedField, current: string, reviewDate: string): ChangeDating | undefined {
  if (!changes || changes.length === 0) return undefined;
  let changedOn: string | undefined;
  for (const change of changes) {
    if (fieldOfChangeItem(change.item) !== field) continue;
    const date = isoDateOf(change.date);
    if (date === null || (changedOn !== undefined && date <= changedOn)) continue;
    if (sameRegistryValue(field, change.after, current)) changedOn = date;
  }
  if (changedOn === undefined) return undefined;
  const due = reportDueOn(changedOn);
  return { changedOn, reportDueOn: due, overdueWorkingDays: workingDaysAfter(due, reviewDate) };
}

/** The end of a dated flag's message, exactly as the spec words it. */
export function changeDatingEnding(dating: ChangeDating): string {
  return dating.overdueWorkingDays > 0
    ? `工商登记于 ${dating.changedOn} 变更，应于 ${dating.reportDueOn} 前到行办理，已逾期 ${dating.overdueWorkingDays} 个工作日`
    : `工商登记于 ${dating.changedOn} 变更，尚在办理期限内（截至 ${dating.reportDueOn}）`;
}
