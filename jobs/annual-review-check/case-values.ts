// How the case ledger (jobs/review/cases) sees a flag of this job: its fingerprint is taken over
// the values as this job's own rules compare them, so a cosmetic edit (spaces, full-width, `1000万元`
// vs `10000000元`) keeps a clerk's decision and only a real change of a value makes a new case.
//
// Example: caseFlagOf(entry, '兰州分行').fingerprint

import type { JsonValue } from '../runtime/db';
import { caseFingerprint, type RunFlag, type ValueNormaliser } from '../review/cases';
import { parseCapital } from './capital';
import { parseTermDate } from './dates';
import type { Flag, FlagField } from './flag';
import { isBlank, normalisePersonName, normaliseText } from './normalise';

/** Fields judged from the registry alone: their fingerprint is the registry value's (review-workbench.md). */
const REGISTRY_ONLY: ReadonlySet<FlagField> = new Set(['status', 'seriousViolation', 'abnormalOperation']);

const text: ValueNormaliser = (value) => (isBlank(value) ? '' : normaliseText(value ?? ''));

const capital: ValueNormaliser = (value) => {
  const parsed = parseCapital(value);
  if (parsed.kind === 'amount') return `${parsed.capital.amountYuan} ${parsed.capital.currency}`;
  return parsed.kind === 'missing' ? '' : text(value);
};

const term: ValueNormaliser = (value) => {
  if (isBlank(value)) return '';
  const parsed = parseTermDate(value);
  if (parsed?.kind === 'forever') return '长期';
  return parsed?.kind === 'date' ? parsed.iso : text(value);
};

/** Each field's normalisation: the one its rule compares with (rules.ts). */
const NORMALISERS: Partial<Record<FlagField, ValueNormaliser>> = {
  legalRepresentative: (value) => (isBlank(value) ? '' : normalisePersonName(value ?? '')),
  registeredCapital: capital,
  licenseExpiry: term,
};

export function normaliserOf(field: FlagField): ValueNormaliser {
  return NORMALISERS[field] ?? text;
}

/** A flag as the ledger takes it: values, branch, fingerprint, and the whole entry kept on the case. */
export function caseFlagOf(entry: Flag, branch: string | null, kept: JsonValue): RunFlag {
  return {
    accountNo: entry.accountNo,
    field: entry.field,
    severity: entry.severity,
    branch,
    bankValue: entry.bankValue,
    registryValue: entry.registryValue,
    fingerprint: caseFingerprint(entry, { normalise: normaliserOf(entry.field), registryOnly: REGISTRY_ONLY.has(entry.field) }),
    flag: kept,
  };
}
