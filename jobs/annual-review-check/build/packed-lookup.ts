// One code's registry answer as a single string, for handing the lookup index from the thread
// that reads registry.company.jsonl to the thread that judges: copying 100,000 strings between
// threads costs ~50 ms, copying the same answers as objects ~600 ms (structured clone builds every
// object again). Unpacked when an account first asks for the code.
//
// Example:
//   const packed = packLookup(stored);          // null: a field holds the separator, send the object
//   unpackLookup(packed!)                        // → the same { lookup, evidence }

import type { RegistryCompanyFields, RegistryLookup } from '../rules';

/** One code's answer and the screenshot of the page it came from. */
export interface StoredLookup {
  lookup: RegistryLookup;
  evidence: string | undefined;
}

const SEP = '\u0001';
/** The optional parts (changes that date a flag, the two lists) ride as one JSON text: JSON never holds a raw U+0001. */
type Extras = Pick<RegistryCompanyFields, 'changes' | 'abnormalOperations' | 'seriousViolations'>;

function extrasOf(company: RegistryCompanyFields): string {
  const { changes, abnormalOperations, seriousViolations } = company;
  if (changes === undefined && abnormalOperations === undefined && seriousViolations === undefined) return '';
  const extras: Extras = {};
  if (changes !== undefined) extras.changes = changes;
  if (abnormalOperations !== undefined) extras.abnormalOperations = abnormalOperations;
  if (seriousViolations !== undefined) extras.seriousViolations = seriousViolations;
  return JSON.stringify(extras);
}
const COMPANY_FIELDS = ['uscc', 'name', 'legalRepresentative', 'registeredCapital', 'businessScope', 'address', 'status', 'operatingUntil'] as const satisfies readonly (keyof RegistryCompanyFields)[];

/** The answer as one string, or null when one of its texts contains the separator (then send it as it is). */
export function packLookup({ lookup, evidence }: StoredLookup): string | null {
  const parts: string[] = [evidence ?? ''];
  if (lookup.kind === 'found') {
    parts.push('F');
    for (const field of COMPANY_FIELDS) parts.push(lookup.company[field]);
    parts.push(extrasOf(lookup.company));
  } else if (lookup.kind === 'notFound') {
    parts.push('N');
  } else {
    parts.push('X', lookup.error);
  }
  for (const part of parts) if (part.includes(SEP)) return null;
  return parts.join(SEP);
}

export function unpackLookup(packed: string): StoredLookup {
  const parts = packed.split(SEP);
  const evidence = parts[0] || undefined;
  if (parts[1] === 'N') return { lookup: { kind: 'notFound' }, evidence };
  if (parts[1] === 'X') return { lookup: { kind: 'failed', error: parts[2] ?? '' }, evidence };
  const [, , uscc = '', name = '', legalRepresentative = '', registeredCapital = '', businessScope = '', address = '', status = '', operatingUntil = '', extras = ''] = parts;
  const company: RegistryCompanyFields = { uscc, name, legalRepresentative, registeredCapital, businessScope, address, status, operatingUntil };
  return { lookup: { kind: 'found', company: extras === '' ? company : Object.assign(company, JSON.parse(extras) as Extras) }, evidence };
}
