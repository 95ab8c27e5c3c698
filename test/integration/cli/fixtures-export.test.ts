import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/cli-process';
import { SCALES } from '../../../fixtures/generator/scale';

interface AnswerKey {
  seed: number;
  scale: string;
  date: string;
  files: { file: string; records: number }[];
}

const DATE = '2026-02-13';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'opsbot-export-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** `opsbot fixtures …args` as a user types it; returns the exit code, the output and the answer key written. */
async function exportWith(name: string, args: (out: string) => string[]): Promise<{ code: number | null; output: string; key?: AnswerKey }> {
  const out = path.join(root, name);
  const cli = startCli(['fixtures', ...args(out)], { OPSBOT_VAR_DIR: path.join(root, 'var') });
  const code = await cli.exited;
  const key = code === 0 ? (JSON.parse(await readFile(path.join(out, 'answer-key.json'), 'utf8')) as AnswerKey) : undefined;
  return { code, output: cli.output(), key };
}

const recordsOf = (key: AnswerKey, file: string) => key.files.find((f) => f.file === file)?.records;

describe('opsbot fixtures export (a child process, as a user runs it)', () => {
  it('honours --seed and --scale given after export, and the answer key names them', async () => {
    const { code, output, key } = await exportWith('after', (out) => ['export', '--seed', '7', '--scale', 'medium', '--date', DATE, '--out', out]);
    expect(code, output).toBe(0);
    expect(key).toMatchObject({ seed: 7, scale: 'medium', date: DATE });
    expect(output).toContain('seed 7, scale medium');
    // The medium bank really was generated: its review accounts, not the small one's.
    expect(SCALES.medium.reviewAccounts).not.toBe(SCALES.small.reviewAccounts);
    expect(recordsOf(key!, 'reviewAccounts.jsonl')).toBe(SCALES.medium.reviewAccounts);
  }, 120_000);

  it('honours --seed and --scale given before export, and defaults to seed 42, small', async () => {
    const before = await exportWith('before', (out) => ['--seed', '9', '--scale', 'medium', 'export', '--date', DATE, '--out', out]);
    expect(before.code, before.output).toBe(0);
    expect(before.key).toMatchObject({ seed: 9, scale: 'medium' });
    const plain = await exportWith('plain', (out) => ['export', '--date', DATE, '--out', out]);
    expect(plain.code, plain.output).toBe(0);
    expect(plain.key).toMatchObject({ seed: 42, scale: 'small' });
    expect(recordsOf(plain.key!, 'reviewAccounts.jsonl')).toBe(SCALES.small.reviewAccounts);
  }, 120_000);

  it('refuses a serving option with export instead of ignoring it (exit 2, naming it)', async () => {
    const r = await exportWith('port', (out) => ['--port', '5000', 'export', '--date', DATE, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/--port is for serving/);
  }, 60_000);
});
