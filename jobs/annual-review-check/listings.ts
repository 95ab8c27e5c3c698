// The registry's two lists a bank must act on — the 严重违法失信名单 and the 经营异常名录 — judged
// on the review date: an entry is current when it was listed on or before that date and not
// removed by then (removed after it still counts: on the review date the company was listed).
//
// Example (review date 2025-10-31):
//   latestCurrentListing([{ listedOn: '2024-07-10', removedOn: '2024-09-01', … }, { listedOn: '2025-07-10', … }], '2025-10-31')
//   // → the 2025 entry (removed, then listed again)

import type { RegistryListEntry } from '../../bots/records';
import { parseTermDate } from './dates';

/** `YYYY-MM-DD` of a list date in whatever form the page wrote it; null when it is not a date. */
function isoOf(text: string | undefined): string | null {
  if (text === undefined || text.trim() === '') return null;
  const term = parseTermDate(text);
  return term?.kind === 'date' ? term.iso : null;
}

/**
 * Whether the entry stands on `reviewDate`. A listing date that is not a date cannot put the
 * listing after the review date, and a removal date that is not a date cannot put the removal
 * before it: both count as listed, for a clerk to read the registry's own words (the flag shows
 * them), rather than a listing passed unseen.
 */
export function isCurrentListing(entry: RegistryListEntry, reviewDate: string): boolean {
  const listedOn = isoOf(entry.listedOn);
  if (listedOn !== null && listedOn > reviewDate) return false;
  if (entry.removedOn === undefined || entry.removedOn.trim() === '') return true;
  const removedOn = isoOf(entry.removedOn);
  return removedOn === null || removedOn > reviewDate;
}

/** The current entry listed last (a company removed and listed again: the new listing), or undefined. */
export function latestCurrentListing(entries: readonly RegistryListEntry[] | undefined, reviewDate: string): RegistryListEntry | undefined {
  if (!entries || entries.length === 0) return undefined;
  let latest: RegistryListEntry | undefined;
  let latestOn = '';
  for (const entry of entries) {
    if (!isCurrentListing(entry, reviewDate)) continue;
    const on = isoOf(entry.listedOn) ?? '';
    if (latest === undefined || on >= latestOn) {
      latest = entry;
      latestOn = on;
    }
  }
  return latest;
}

/** A flag's registryValue for a listing, as the spec writes it: `<listedOn> <reason>`. */
export function listingValue(entry: RegistryListEntry): string {
  return `${entry.listedOn} ${entry.reason}`;
}
