// (d) The browser's own floor: playwright-core with the same pages in parallel doing only what a
// lookup cannot avoid (load the search page, read the link, load the detail page, read both
// tables in one evaluate), with no retries, checks, evidence or record validation. What opsbot
// costs beyond this is opsbot's; what this costs is the browser's.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RegistryLookupResult } from '../../../bots/records';
import { normaliseCode, parseBaseInfo, parseChanges } from '../../../bots/registry/parse';
import { launchBrowser } from '../../../bots/sdk';
import { summarise } from './lookup-set';
import type { RegistryContenderArgs, RegistryContenderResult } from './registry-result';

export async function runBarePlaywrightRegistry(args: RegistryContenderArgs): Promise<RegistryContenderResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const browser = await launchBrowser({ chromiumPath: args.chromiumPath });
  const out = createWriteStream(path.join(args.dir, 'registry.bare.jsonl'));
  const results: RegistryLookupResult[] = [];
  try {
    const context = await browser.newContext({ baseURL: args.baseUrl });
    let next = 0;
    const worker = async () => {
      const page = await context.newPage();
      while (next < args.codes.length) {
        const code = normaliseCode(args.codes[next++]!);
        await page.goto(`/search?${new URLSearchParams({ keyword: code })}`, { waitUntil: 'domcontentloaded' });
        const href = await page.evaluate(() => document.querySelector('#result-list a.company-link')?.getAttribute('href') ?? null);
        if (!href) throw new Error(`${code}: no result`);
        await page.goto(href, { waitUntil: 'domcontentloaded' });
        const read = await page.evaluate(() => ({
          pairs: Array.from(document.querySelectorAll('#base-info tr'), (tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? ''] as [string, string]),
          headers: Array.from(document.querySelectorAll('#tab-changes thead th'), (th) => th.textContent ?? ''),
          rows: Array.from(document.querySelectorAll('#tab-changes tbody tr'), (tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
        }));
        const base = parseBaseInfo(read.pairs);
        const changes = parseChanges(read.headers, read.rows);
        if (!base.ok || !changes.ok) throw new Error(`${code}: ${base.ok ? '' : base.problem} ${changes.ok ? '' : changes.problem}`);
        const result: RegistryLookupResult = { uscc: code, outcome: 'found', company: { ...base.value, changes: changes.value } };
        results.push(result);
        if (!out.write(`${JSON.stringify(result)}\n`)) await once(out, 'drain');
      }
    };
    await Promise.all(Array.from({ length: args.concurrency }, worker));
    out.end();
    await once(out, 'finish');
  } finally {
    await browser.close();
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    contender: 'playwright-bare',
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    summary: summarise(results),
    notes: { client: 'playwright-core, 2 navigations + 2 evaluates per lookup', concurrency: args.concurrency },
  };
}
