import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingColumnError } from '../../../jobs/annual-review-check/input';
import { prepareInput } from '../../../jobs/annual-review-check/prepare-input';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'arc-prepare-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const HEADER = '账号,存款人名称,统一社会信用代码,法定代表人（单位负责人）,开户网点,注册资本';
const CSV = [
  HEADER,
  '0062202301000123,兰州远达商贸有限公司,91620105 750906995r,艾力·托合提,城关支行,"1,112(万元人民币)"',
  ',缺账号有限公司,91110000600037341L,王五,城关支行,',
  '0062202301000124,北京某某有限公司,91110000600037341L,王五,西固支行,',
  '0062202301000123,重复账号有限公司,91110000600037341L,王五,西固支行,',
].join('\r\n');

describe('prepare-input (--input FILE)', () => {
  it('stages accounts, row errors and the file sha256 in the run folder (GBK file)', async () => {
    const bytes = iconv.encode(CSV, 'gbk');
    const file = path.join(root, '年检清单.csv');
    await writeFile(file, bytes);
    const runDir = path.join(root, 'run-ok');
    const prepared = await prepareInput(runDir, file);

    expect(prepared).toMatchObject({ name: '年检清单.csv', accounts: 2, inputErrors: 2, bytes: bytes.length });
    const lines = (await readFile(path.join(runDir, 'sources/annual-review.input.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.accountNo)).toEqual(['0062202301000123', '0062202301000124']);
    expect(lines[0]).toMatchObject({ name: '兰州远达商贸有限公司', legalRepresentative: '艾力·托合提', branch: '城关支行', registeredCapital: '1,112(万元人民币)' });

    const errors = JSON.parse(await readFile(path.join(runDir, 'input-errors.json'), 'utf8')) as { row: number; accountNo?: string; error: string }[];
    expect(errors.map((e) => e.row)).toEqual([3, 5]);
    expect(errors[1]).toMatchObject({ accountNo: '0062202301000123' });

    const inputs = JSON.parse(await readFile(path.join(runDir, 'inputs.json'), 'utf8')) as { name: string; sha256: string }[];
    expect(inputs).toEqual([prepared]);
    expect(inputs[0]?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('refuses a file without a required column before writing anything (exit code 2)', async () => {
    const file = path.join(root, 'no-uscc.csv');
    await writeFile(file, CSV.replace('统一社会信用代码', '信用代码'));
    const runDir = path.join(root, 'run-missing');
    const error = await prepareInput(runDir, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingColumnError);
    expect((error as MissingColumnError).exitCode).toBe(2);
    expect((error as Error).message).toContain('统一社会信用代码');
    expect(existsSync(runDir) ? readdirSync(runDir) : []).toEqual([]);
  });
});
