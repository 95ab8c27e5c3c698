import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bots } from '../../../bots';
import job from '../../../jobs/annual-review-check/job';
import { MissingColumnError } from '../../../jobs/annual-review-check/input';
import { InputLimitError } from '../../../jobs/annual-review-check/input/limits';
import { parseConfig } from '../../../jobs/runtime/config';
import { flowTree } from '../../../jobs/runtime/flows/trigger-run';
import { botIn } from '../../../jobs/runtime/registries';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'arc-job-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const DATE = '2025-10-31';

describe('annual-review-check job definition', () => {
  it('without --input: the accounts bot first, then the registry lookups reading its file', () => {
    const sources = job.sources({ date: DATE, options: {} });
    expect(sources.map((s) => [s.botId, s.after])).toEqual([
      ['annual-review.accounts', undefined],
      ['registry.company', 'annual-review.accounts'],
    ]);
    // Codes of a USCC's shape are looked up; the build, not the bot, decides what is flagged.
    expect(sources[1]?.input).toEqual({ accountsFile: 'sources/annual-review.accounts.jsonl', lookupOnly: { length: 18, alphabet: '0123456789ABCDEFGHJKLMNPQRTUWXY' } });
    // BullMQ runs children first: the lookups are the parent of the accounts extraction.
    const tree = flowTree(sources, (s) => ({ name: s.botId, queueName: 'bots' }));
    expect(tree.map((n) => [n.name, n.children?.map((c) => c.name)])).toEqual([['registry.company', ['annual-review.accounts']]]);
  });

  it('with --input: only the registry lookups, reading the staged file', () => {
    const sources = job.sources({ date: DATE, options: { input: '/data/清单.xlsx' } });
    expect(sources).toEqual([{ botId: 'registry.company', input: { accountsFile: 'sources/annual-review.input.jsonl', lookupOnly: { length: 18, alphabet: '0123456789ABCDEFGHJKLMNPQRTUWXY' } } }]);
  });

  it("passes each bot's own input schema (no record lists in the payload)", () => {
    for (const options of [{}, { input: 'x.csv' }]) {
      for (const source of job.sources({ date: DATE, options })) {
        const parsed = botIn(bots, source.botId).input.safeParse(source.input);
        expect(parsed.success, `${source.botId}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        expect(JSON.stringify(source.input)).not.toMatch(/\[/);
      }
    }
    const registry = botIn(bots, 'registry.company').input;
    expect(registry.safeParse({ uscc: ['91620105750906995R'], accountsFile: 'a.jsonl' }).success).toBe(false);
    expect(registry.safeParse({}).success).toBe(false);
    expect(registry.safeParse({ uscc: ['91620105750906995R'], evidenceFor: 'flagged' }).success).toBe(false);
  });

  it('prepare refuses a file with a missing required column before anything is queued', async () => {
    const file = path.join(root, 'bad.csv');
    await writeFile(file, '账号,存款人名称,法定代表人\n001,甲公司,张三\n');
    const runDir = path.join(root, 'run');
    const config = parseConfig({}, root);
    await expect(job.prepare!({ job: job.id, date: DATE, runDir, options: { input: file }, previousRuns: async () => [], config })).rejects.toBeInstanceOf(MissingColumnError);
    await expect(job.prepare!({ job: job.id, date: DATE, runDir, options: {}, previousRuns: async () => [], config })).resolves.toBeUndefined();
  });

  it('prepare reads the file within the limits of the config it is handed (OPSBOT_INPUT_MAX_*)', async () => {
    const file = path.join(root, 'big.csv');
    await writeFile(file, `账号,存款人名称,统一社会信用代码\n${'001,甲公司,91620105750906995R\n'.repeat(100)}`);
    const config = parseConfig({ OPSBOT_INPUT_MAX_FILE_BYTES: '1000' }, root);
    const error = await job.prepare!({ job: job.id, date: DATE, runDir: path.join(root, 'limited'), options: { input: file }, previousRuns: async () => [], config }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputLimitError);
    expect((error as Error).message).toContain('上限 inputMaxFileBytes = 1,000 字节，可用 OPSBOT_INPUT_MAX_FILE_BYTES 调整');
  });
});
