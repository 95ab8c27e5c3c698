// `opsbot run annual-review-check --with-fixtures --registry-data <csv>` with a dirty row: the
// JSON cell that does not parse is reported, and not only in the start-up log: the run's
// manifest.json names its file, row and column under details.fixtureWarnings (issue #17).
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/cli-process';

const DATE = '2025-10-31';
const JOB = 'annual-review-check';
const HEADER = '企业名称,统一社会信用代码,注册日期,企业类型,法人代表,注册资金,经营范围,所在省份,地区,注册地址,登记状态,营业期限至,登记机关,变更记录,经营异常名录,严重违法失信名单';
/** Three companies of the shared registry sample; the second's 经营异常名录 cell is broken JSON. */
const CSV = [
  HEADER,
  '陆川县沙湖供销社肥料农药门市部,91450922MA5KQE2311,1998-04-12,集体分支机构(非法人),杨诗德,N/A,零售：化肥，农膜。,广西,玉林,陆川县沙湖镇沙湖街,存续,长期,陆川县市场监督管理局,,,',
  '吉林省机械进出口公司,912200001239150830,1982-08-20,N/A,宁纯海,"1,112(万元人民币)",机械进出口。,吉林,长春,长春市新民大街1296号,存续,长期,吉林省市场监督管理局,,"[{""listedOn"": ""2025-07-10"", ""reason"": ""未按规定报送年度报告""",',
].join('\n');

describe('opsbot run --with-fixtures --registry-data with a dirty row (a child process)', () => {
  let root: string;
  let manifest: { status: string; details: { fixtureWarnings?: Record<string, unknown>[] } };
  let output: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'opsbot-fixture-warnings-'));
    // The process's private PostgreSQL runs as another OS user, which must be able to enter the var folder.
    await chmod(root, 0o711);
    const csv = path.join(root, 'registry.csv');
    await writeFile(csv, `${CSV}\n`);
    const cli = startCli(['run', JOB, '--with-fixtures', '--registry-data', csv, '--date', DATE], { OPSBOT_VAR_DIR: path.join(root, 'var'), REDIS_URL: '' });
    const code = await cli.exited;
    output = cli.output();
    expect(code, output).toBe(0);
    manifest = JSON.parse(await readFile(path.join(root, 'var', 'runs', JOB, DATE, 'r1', 'manifest.json'), 'utf8')) as typeof manifest;
  }, 300_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('names the bad cell (file, row, column, what was served) in the run’s manifest.json', () => {
    const warnings = manifest.details.fixtureWarnings ?? [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ source: 'registry', file: path.join(root, 'registry.csv'), row: 3, column: '经营异常名录', action: 'servedWithoutColumn' });
    expect(String(warnings[0]!.reason)).toMatch(/not valid JSON/u);
    expect(String(warnings[0]!.message)).toContain('row 3 column 经营异常名录');
  });

  it('still checks every account of the data (the bad row served without that cell)', () => {
    expect(manifest.status).toBe('ok');
  });
});
