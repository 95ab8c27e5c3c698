// (c) The upper bound: the same two requests per code (search, then the detail page it links
// to) with Node's fetch and node-html-parser, no browser, same concurrency, same parsing of the
// 基本信息 / 变更记录 tables as the bot, records written as JSONL.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse, type HTMLElement } from 'node-html-parser';
import type { RegistryLookupResult } from '../../../bots/records';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from '../../../bots/registry/parse';
import { summarise } from './lookup-set';
import type { RegistryContenderArgs, RegistryContenderResult } from './registry-result';

async function getHtml(url: string): Promise<HTMLElement> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return parse(await res.text());
}

const textOf = (el: HTMLElement | null): string => el?.text ?? '';

async function lookup(baseUrl: string, code: string): Promise<RegistryLookupResult> {
  const search = await getHtml(new URL(`/search?${new URLSearchParams({ keyword: code })}`, baseUrl).href);
  if (search.querySelector('#no-result')) return { uscc: code, outcome: 'notFound' };
  const rows = search.querySelectorAll('#result-list tbody tr').map((tr) => ({
    code: textOf(tr.querySelector('.uscc')),
    href: tr.querySelector('a.company-link')?.getAttribute('href') ?? '',
  }));
  const href = pickResult(rows, code);
  if (!href) return { uscc: code, outcome: 'notFound' };
  const detail = await getHtml(new URL(href, baseUrl).href);
  const base = parseBaseInfo(detail.querySelectorAll('#base-info tr').map((tr) => [textOf(tr.querySelector('th')), textOf(tr.querySelector('td'))]));
  if (!base.ok) throw new Error(`${code}: ${base.problem}`);
  const headers = detail.querySelectorAll('#tab-changes thead th').map((th) => th.text);
  const cells = detail.querySelectorAll('#tab-changes tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.text));
  const changes = parseChanges(headers, cells);
  if (!changes.ok) throw new Error(`${code}: ${changes.problem}`);
  return { uscc: code, outcome: 'found', company: { ...base.value, changes: changes.value } };
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
    notes: { client: `fetch (undici, Node ${process.versions.node})`, parser: 'node-html-parser', concurrency: args.concurrency },
  };
}
