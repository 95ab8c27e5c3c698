import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { bots } from '../../../bots';
import { createBotRegistry, defineBot, definePortal, type AnyBot } from '../../../bots/sdk';
import { REPO } from '../../helpers/repo-root';

function botFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'sdk' || e.name === 'records' ? [] : botFiles(p);
    return e.name.endsWith('.bot.ts') ? [p] : [];
  });
}

const portal = definePortal({ id: 'demo', title: '演示' });
const manifest = { id: 'demo.items', title: '演示', version: '1.0.0', portal, input: z.object({}), record: z.object({}), async *run() {} };

describe('bot registry', () => {
  it('lists every *.bot.ts file of bots/', async () => {
    const files = botFiles(path.join(REPO, 'bots'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const mod = (await import(file)) as { default: AnyBot };
      expect(bots.get(mod.default.id), `${path.relative(REPO, file)} is not registered in bots/index.ts`).toBe(mod.default);
    }
    expect(bots.size).toBe(files.length);
  });

  it('rejects duplicate ids and invalid manifests at startup', () => {
    const a = defineBot(manifest) as unknown as AnyBot;
    expect(() => createBotRegistry([a, a])).toThrow(/duplicate bot id demo.items/);
    expect(() => defineBot({ ...manifest, id: 'Items' })).toThrow(/must look like "<portal>.<dataset>"/);
    expect(() => defineBot({ ...manifest, id: 'other.items' })).toThrow(/must start with its portal "demo."/);
    expect(() => defineBot({ ...manifest, version: 'v1' })).toThrow(/semver/);
  });
});
