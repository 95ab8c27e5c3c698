import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { scaffoldBot } from '../../../scripts/scaffold/new-bot';
import { REPO } from '../../helpers/cli-process';

/** A scratch copy of the parts of the repo a new bot builds on, so the real tree is never touched. */
function scratchRepo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-scaffold-'));
  for (const f of ['package.json', 'tsconfig.json', 'vitest.config.ts']) cpSync(path.join(REPO, f), path.join(dir, f));
  for (const d of ['bots', 'jobs', 'fixtures', 'templates', 'scripts']) cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

describe('opsbot new-bot', () => {
  it('scaffolds a bot whose own test passes at once, registered and type-checked', async () => {
    const dir = scratchRepo();
    const r = await scaffoldBot(dir, 'demo-shop.orders', '演示订单');
    expect(r.registered).toBe(true);
    expect(r.created).toEqual([
      'bots/demo-shop/portal.ts',
      'bots/demo-shop/pages/orders.page.ts',
      'bots/demo-shop/orders.parse.ts',
      'bots/demo-shop/orders.bot.ts',
      'fixtures/portals/demo-shop/orders.fixture.ts',
      'test/integration/bots/demo-shop-orders.test.ts',
    ]);
    expect(readFileSync(path.join(dir, 'bots/index.ts'), 'utf8')).toMatch(/import demoShopOrders from '\.\/demo-shop\/orders\.bot';[\s\S]*\n {2}demoShopOrders,\n\]/);
    expect(r.fixtureRegistered).toBe(true);
    expect(readFileSync(path.join(dir, 'fixtures/portals/scaffolded.ts'), 'utf8')).toMatch(/import \{ mountDemoShopOrders \} from '\.\/demo-shop\/orders\.fixture';[\s\S]*\n {2}\{ portal: 'demo-shop', mount: mountDemoShopOrders \},\n\];/);
    // A page object, a parser and a short run: the SDK's readGrid does the paging, not the bot.
    const botSource = readFileSync(path.join(dir, 'bots/demo-shop/orders.bot.ts'), 'utf8');
    expect(botSource).toContain('yield* readGrid(ctx, {');
    expect(botSource).not.toMatch(/\b(for|while)\s*\(|\bdo\s*\{/);
    expect(readFileSync(path.join(dir, 'bots/demo-shop/orders.parse.ts'), 'utf8')).toContain('ORDERS_GRID: GridColumns<OrdersRecord>');
    execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', dir], { cwd: dir, stdio: 'pipe' });
    const out = execFileSync(process.execPath, [path.join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', 'test/integration/bots/demo-shop-orders.test.ts'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    expect(out).toMatch(/1 passed/);
    await expect(scaffoldBot(dir, 'demo-shop.orders')).rejects.toThrow(/refusing to overwrite/);
    // A whole-tree tsc plus a browser test: 60-90 s idle, over 120 s on a loaded 2-core machine.
  }, 300_000);

  // docs/adding-a-bot.md, every step as a user types it, through the CLI: scaffold, put the bot in
  // the daily report's sources (the line the guide shows), check it is listed, run the report
  // with --with-fixtures. The new portal must be served and the source reach the report.
  it('follows docs/adding-a-bot.md to the end: the run with --with-fixtures includes the new source', () => {
    const dir = scratchRepo();
    const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-guide-var-'));
    // Its own var folder and (REDIS_URL unset) its own private Redis, as a user's first run.
    const env: NodeJS.ProcessEnv = { ...process.env, OPSBOT_VAR_DIR: varDir, OPSBOT_COMPUTE_MISSING_HISTORY: 'false' };
    delete env.REDIS_URL;
    const opsbot = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, 'scripts/cli/main.ts'), ...args], { cwd: dir, encoding: 'utf8', env });
    const guide = readFileSync(path.join(REPO, 'docs/adding-a-bot.md'), 'utf8');
    onTestFinished(() => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(varDir, { recursive: true, force: true });
    });

    // 1. Scaffold it.
    const scaffold = opsbot('new-bot', 'loans.overdue', '--title', '逾期贷款');
    expect(scaffold.status, scaffold.stderr).toBe(0);
    expect(scaffold.stdout).toContain('fixture page registered in fixtures/portals/scaffolded.ts');

    // 4. Put it in a job: the guide's line, where the guide says.
    const line = /## 4\. Put it in a job[\s\S]*?```ts\n(.*loans\.overdue.*)\n```/.exec(guide)?.[1];
    expect(line, 'the guide shows the source line to add').toBeDefined();
    const jobFile = path.join(dir, 'jobs/daily-ops-report/job.ts');
    const job = readFileSync(jobFile, 'utf8');
    const anchor = /^.*\.\.\.Object\.values\(SOURCE_BOTS\).*\n/m.exec(job);
    expect(anchor, 'job.ts has the line the guide says to add after').not.toBeNull();
    writeFileSync(jobFile, job.replace(anchor![0], `${anchor![0]}${line}\n`));

    // 5. Check it like a user.
    expect(opsbot('bots', 'list').stdout).toMatch(/^loans\.overdue\s+loans\s/m);
    const run = opsbot('run', 'daily-ops-report', '--with-fixtures', '--date', '2026-11-20');
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const runDir = path.join(varDir, 'runs/daily-ops-report/2026-11-20/r1');
    const manifest = JSON.parse(readFileSync(path.join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('ok');
    expect(manifest.sources.find((s: { botId: string }) => s.botId === 'loans.overdue')).toMatchObject({ status: 'ok', count: 45, expected: 45 });
    expect(JSON.parse(readFileSync(path.join(runDir, 'kpis.json'), 'utf8')).status).toBe('ok');
    const pdf = execFileSync('pdftotext', ['-layout', path.join(runDir, 'daily-ops-report-2026-11-20.pdf'), '-'], { encoding: 'utf8' });
    expect(pdf).toMatch(/^\s*loans\.overdue\s+完整\s*$/m);
  }, 420_000);

  it('refuses an id that is not <portal>.<dataset>', async () => {
    await expect(scaffoldBot(mkdtempSync(path.join(os.tmpdir(), 'x-')), 'Orders')).rejects.toThrow(/<portal>.<dataset>/);
  });
});
