import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaffoldBot } from '../../../scripts/scaffold/new-bot';
import { REPO } from '../../helpers/cli-process';

/** A scratch copy of the parts of the repo a new bot builds on, so the real tree is never touched. */
function scratchRepo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-scaffold-'));
  for (const f of ['package.json', 'tsconfig.json', 'vitest.config.ts']) cpSync(path.join(REPO, f), path.join(dir, f));
  for (const d of ['bots', 'jobs', 'fixtures', 'templates']) cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
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
    execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', dir], { cwd: dir, stdio: 'pipe' });
    const out = execFileSync(process.execPath, [path.join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', 'test/integration/bots/demo-shop-orders.test.ts'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    expect(out).toMatch(/1 passed/);
    await expect(scaffoldBot(dir, 'demo-shop.orders')).rejects.toThrow(/refusing to overwrite/);
  }, 120_000);

  it('refuses an id that is not <portal>.<dataset>', async () => {
    await expect(scaffoldBot(mkdtempSync(path.join(os.tmpdir(), 'x-')), 'Orders')).rejects.toThrow(/<portal>.<dataset>/);
  });
});
