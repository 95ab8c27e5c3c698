// The `evidence` key of mismatches.json (spec, Outputs): for a flag on a registry finding, every
// registry page the bot read for that company — file (relative to the run folder, gzip), url,
// sha256 of the bytes as received, fetchedAt — and the screenshot rendered from those bytes.
// Taken from what the lookup kept: evidence costs the registry no request.
//
// Example:
//   withEvidence(mismatches, (m) => evidence.of(m))   // same entries, `evidence` last where known

import type { StoredPage } from '../../../bots/records';
import type { MismatchEntry } from './mismatches';

/** One page as the spec names it: exactly these keys, in this order. */
export interface EvidencePage {
  url: string;
  file: string;
  sha256: string;
  fetchedAt: string;
}

export interface MismatchEvidence {
  pages: EvidencePage[];
  /** The rendered PNG, relative to the run folder. */
  screenshot: string;
}

export type MismatchWithEvidence = MismatchEntry & { evidence?: MismatchEvidence };

/** The spec's page keys of a kept page (its contentType is the bot's, not the spec's). */
export function evidencePage(page: StoredPage): EvidencePage {
  return { url: page.url, file: page.file, sha256: page.sha256, fetchedAt: page.fetchedAt };
}

/** The entries with `evidence` added (as their last key) where `evidenceOf` has some; the others unchanged. */
export function withEvidence(entries: MismatchEntry[], evidenceOf: (entry: MismatchEntry) => MismatchEvidence | undefined): MismatchWithEvidence[] {
  return entries.map((entry) => {
    const evidence = evidenceOf(entry);
    return evidence ? { ...entry, evidence } : entry;
  });
}
