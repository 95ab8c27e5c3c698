import type { JsonValue } from '../../runtime/db';

/** A page the bot read for the flag, as mismatches.json's `evidence.pages` lists it (annual-review-check.md). */
export interface EvidencePage {
  url: string;
  /** Relative to the run folder. */
  file: string;
  sha256: string;
  fetchedAt: string;
}

/** What the case page shows of the flag a run stored on the case. */
export interface FlagDetails {
  message: string;
  rule: string;
  uscc: string;
  name: string;
  similarity?: number;
  /** 变更记录: when the registry changed the field, the deadline to bring it to the bank, and how late. */
  changedOn?: string;
  reportDueOn?: string;
  overdueWorkingDays?: number;
  pages: EvidencePage[];
  /** Relative to the run folder. */
  screenshot?: string;
}

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
const obj = (v: JsonValue | undefined): Record<string, JsonValue> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

/**
 * Reads the stored flag defensively: a flag is JSON a run wrote, and an older run's flag may lack
 * evidence; a page entry without a file or a 64-hex sha256 is left out rather than shown broken.
 */
export function flagDetails(flag: JsonValue): FlagDetails {
  const f = obj(flag);
  const evidence = obj(f.evidence);
  const pages = (Array.isArray(evidence.pages) ? evidence.pages : [])
    .map((p) => obj(p))
    .map((p) => ({ url: str(p.url), file: str(p.file), sha256: str(p.sha256), fetchedAt: str(p.fetchedAt) }))
    .filter((p) => p.file !== '' && /^[0-9a-f]{64}$/.test(p.sha256));
  const details: FlagDetails = { message: str(f.message), rule: str(f.rule), uscc: str(f.uscc), name: str(f.name), pages };
  if (typeof f.similarity === 'number') details.similarity = f.similarity;
  if (str(f.changedOn)) details.changedOn = str(f.changedOn);
  if (str(f.reportDueOn)) details.reportDueOn = str(f.reportDueOn);
  if (typeof f.overdueWorkingDays === 'number') details.overdueWorkingDays = f.overdueWorkingDays;
  if (str(evidence.screenshot)) details.screenshot = str(evidence.screenshot);
  return details;
}
