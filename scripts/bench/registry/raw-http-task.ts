// (c) The upper bound: the same pages per code as opsbot reads (search, the detail page it links
// to, and the record tabs the detail page says hold entries, every page of a paged tab) with
// Node's fetch and node-html-parser, no browser, same concurrency, and the bot's own parse
// functions and tab rule (documents.ts, record-tabs.ts), so the figures differ by the machinery
// around the reading and nothing else. Records written as JSONL.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RegistryLookupResult } from '../../../bots/records';
import { detailContent, searchContent, tabContent, tabLink } from '../../../bots/registry/documents';
import { normaliseCode, parseBaseInfo, pickResult } from '../../../bots/registry/parse';
import { readRecordTabs } from '../../../bots/registry/record-tabs';
import { HtmlDocument } from '../../../bots/sdk/readers/html-document';
import { summarise } from './lookup-set';
import type { RegistryContenderArgs, RegistryContenderResult } from './registry-result';

async function getDocument(url: string): Promise<HtmlDocument> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return HtmlDocument.parse(await res.text(), res.url, res.status);
}

async function lookup(baseUrl: string, code: string): Promise<RegistryLookupResult> {
  const search = await getDocument(new URL(`/search?${new URLSearchParams({ keyword: code })}`, baseUrl).href);
  const found = searchContent(search);
  if (found.noResult) return { uscc: code, outcome: 'notFound' };
  const href = pickResult(found.rows, code);
  if (!href) return { uscc: code, outcome: 'notFound' };
  const detail = await getDocument(new URL(href, search.url).href);
  const base = parseBaseInfo(detailContent(detail).basePairs);
  if (!base.ok) throw new Error(`${code}: ${base.problem}`);
  const tabs = await readRecordTabs(code, { changes: tabContent(detail, 'changes'), abnormal: tabLink(detail, 'abnormal'), violations: tabLink(detail, 'violations') },
    async (tab, url) => tabContent(await getDocument(url), tab));
  if (!tabs.ok) throw new Error(`${code}: ${tabs.problem}`);
  return { uscc: code, outcome: 'found', company: { ...base.value, ...tabs.value } };
}

export async function runRawHttpRegistry(args: RegistryContenderArgs): Promise<RegistryContenderResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = createWriteStream(path.join(args.dir, 'registry.raw-http.jsonl'));
  const results: RegistryLookupResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < args.codes.length) {
      const code = normaliseCode(args.codes[next++]!);
      const result = await lookup(args.baseUrl, code);
      results.push(result);
      if (!out.write(`${JSON.stringify(result)}\n`)) await once(out, 'drain');
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, worker));
  out.end();
  await once(out, 'finish');
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    contender: 'raw-http',
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    summary: summarise(results),
    notes: { client: `fetch (undici, Node ${process.versions.node})`, parser: 'node-html-parser (the bot\'s documents.ts)', concurrency: args.concurrency },
  };
}
