// Where the build step finds its accounts and registry lookups, and what it says about them in
// the manifest: the --input file staged by prepare-input, or the annual-review bot's source.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext } from '../../define-job';
import type { InputRowError } from '../input';
import { failedLookups, openRegistryLookups, type LookupIndex } from './registry-lookups';
import { ACCOUNTS_BOT, REGISTRY_BOT, RUN_FILES } from './run-files';

export type AccountsInput =
  | { ok: true; file: string; inputs: unknown[]; inputErrors: InputRowError[] }
  | { ok: false; source: string; message: string };

/** The accounts JSONL of this run, or why there is none (the run cannot be built without it). */
export async function accountsInput(ctx: Pick<BuildContext, 'runDir' | 'options' | 'sources'>): Promise<AccountsInput> {
  if (typeof ctx.options.input === 'string') {
    const file = path.join(ctx.runDir, RUN_FILES.inputAccounts);
    if (!existsSync(file)) return { ok: false, source: 'input', message: `输入文件未准备好：缺少 ${RUN_FILES.inputAccounts}` };
    const inputs = await readJson(path.join(ctx.runDir, RUN_FILES.inputs), []);
    const inputErrors = await readJson(path.join(ctx.runDir, RUN_FILES.inputErrors), []);
    if (!Array.isArray(inputs) || !Array.isArray(inputErrors)) throw new Error(`${RUN_FILES.inputs} / ${RUN_FILES.inputErrors}: expected arrays`);
    return { ok: true, file, inputs, inputErrors: inputErrors as InputRowError[] };
  }
  const status = ctx.sources.find((s) => s.botId === ACCOUNTS_BOT);
  if (!status || status.status !== 'ok' || !status.file) {
    return { ok: false, source: ACCOUNTS_BOT, message: `年检账户清单未取得：${status?.error ?? '未抽取'}` };
  }
  return {
    ok: true,
    file: path.join(ctx.runDir, status.file),
    inputs: [{ source: ACCOUNTS_BOT, file: status.file, sha256: status.sha256, count: status.count, expected: status.expected }],
    inputErrors: [],
  };
}

/**
 * The registry answers (a big file still being read while accounts are judged: see
 * registry-lookups.ts), or — when the source failed — an index where every lookup failed, and
 * what to say about it.
 */
export async function registryLookups(ctx: Pick<BuildContext, 'runDir' | 'sources'>): Promise<{ lookups: LookupIndex; problem: string | null }> {
  const status = ctx.sources.find((s) => s.botId === REGISTRY_BOT);
  if (!status || status.status !== 'ok' || !status.file) {
    const why = status?.error ?? '未执行';
    return { lookups: failedLookups(`登记系统查询失败：${why}`), problem: `登记系统查询失败（${why}），全部账户无法核验` };
  }
  return { lookups: await openRegistryLookups(path.join(ctx.runDir, status.file)), problem: null };
}

/** What the run must say about lines of the registry answers it could not use (once they are all read). */
export async function lookupsProblem(lookups: LookupIndex): Promise<string | null> {
  await lookups.complete;
  const first = lookups.rejected[0];
  return first ? `登记查询结果中有无法读取的记录（首个：第 ${first.line} 行 ${first.error}），相关账户无法核验` : null;
}

async function readJson(file: string, fallback: unknown): Promise<unknown> {
  if (!existsSync(file)) return fallback;
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}
