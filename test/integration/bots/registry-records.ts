// What the registry tests check of every record: the answer itself (pages aside, compared as the
// fixture generated it), and the pages the bot kept for it — byte for byte, under the sha256 it
// recorded: the detail page of that very code, then each record-tab page it read.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { RegistryCompanyRecord, RegistryLookupResult } from '../../../bots/records';
import { sha256Hex } from '../../../bots/sdk/stored-pages';
import { TAB_PAGE_SIZE } from '../../../fixtures/portals/registry/tabs';

/** The record without the pages it kept, to compare with what the fixture generated. */
export function withoutPages(r: RegistryLookupResult): RegistryLookupResult {
  if (r.outcome === 'failed') return r;
  const { pages: _pages, ...answer } = r;
  return answer;
}

/** Without the screenshot either (where one test asks for it and the other does not). */
export function withoutEvidence(r: RegistryLookupResult): RegistryLookupResult {
  const plain = withoutPages(r);
  if (plain.outcome !== 'found') return plain;
  const { evidence: _evidence, ...company } = plain.company;
  return { ...plain, company };
}

/** The tab pages a lookup of `company` reads: 变更记录 beyond its first page (which is on the detail page), each list tab with entries. */
export function tabPagesOf(company: RegistryCompanyRecord): number {
  const pages = (n: number) => Math.ceil(n / TAB_PAGE_SIZE);
  return Math.max(0, pages(company.changes.length) - 1) + pages(company.abnormalOperations?.length ?? 0) + pages(company.seriousViolations?.length ?? 0);
}

/**
 * Every found record names the pages it read: its code's detail page first, then each tab page it
 * needed (tabPagesOf), each the gzip of bytes whose sha256 it states.
 */
export async function expectKeptPages(runDir: string, records: RegistryLookupResult[]): Promise<void> {
  for (const r of records.filter((x) => x.outcome === 'found')) {
    expect(r.pages, `pages of ${r.uscc}`).toHaveLength(1 + tabPagesOf(r.company));
    const page = r.pages![0]!;
    expect(page.file).toMatch(/^pages\/registry\.company\/registry-[0-9A-Z]+\.html\.gz$/u);
    expect(new URL(page.url).pathname).toBe('/company/detail');
    expect(new URL(page.url).searchParams.get('code')).toBe(r.uscc);
    for (const kept of r.pages!) {
      expect(Date.parse(kept.fetchedAt)).not.toBeNaN();
      const bytes = gunzipSync(await readFile(path.join(runDir, kept.file)));
      expect(sha256Hex(bytes), kept.file).toBe(kept.sha256);
      expect(bytes.toString('utf8'), kept.file).toContain(r.uscc);
    }
    for (const tabPage of r.pages!.slice(1)) {
      expect(tabPage.file).toMatch(new RegExp(`^pages/registry\\.company/registry-${r.uscc}\\.(changes|abnormal|violations)-\\d+\\.html\\.gz$`, 'u'));
      expect(new URL(tabPage.url).pathname).toMatch(new RegExp(`^/company/${r.uscc}/(changes|abnormal|violations)$`, 'u'));
    }
    const detail = gunzipSync(await readFile(path.join(runDir, page.file)));
    expect(detail.toString('utf8')).toContain(`>${r.company.uscc}</td>`);
  }
}
