// What the registry tests check of every record: the answer itself (pages aside, compared as the
// fixture generated it), and the page the bot kept for it — byte for byte, under the sha256 it
// recorded, the detail page of that very code.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { RegistryLookupResult } from '../../../bots/records';
import { sha256Hex } from '../../../bots/sdk/stored-pages';

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

/** Every found record names one kept page: its code's detail page, gzip of bytes whose sha256 it states. */
export async function expectKeptPages(runDir: string, records: RegistryLookupResult[]): Promise<void> {
  for (const r of records.filter((x) => x.outcome === 'found')) {
    expect(r.pages, `pages of ${r.uscc}`).toHaveLength(1);
    const page = r.pages![0]!;
    expect(page.file).toMatch(/^pages\/registry\.company\/registry-[0-9A-Z]+\.html\.gz$/u);
    expect(new URL(page.url).pathname).toBe('/company/detail');
    expect(new URL(page.url).searchParams.get('code')).toBe(r.uscc);
    expect(Date.parse(page.fetchedAt)).not.toBeNaN();
    const bytes = gunzipSync(await readFile(path.join(runDir, page.file)));
    expect(sha256Hex(bytes)).toBe(page.sha256);
    expect(bytes.toString('utf8')).toContain(`>${r.company.uscc}</td>`);
  }
}
