// The evidence screenshots rendered alongside the registry lookups (issue #17 item 7): each record
// judged as it is written, a flagged company's kept page rendered and listed with its sha256; the
// build then renders only what the list lacks (or lists from other bytes), and its outputs are the
// same as when it renders everything itself.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewAccountRecord } from '../../../bots/records';
import registryCompany from '../../../bots/registry/company.bot';
import { launchBrowser } from '../../../bots/sdk';
import { generatedRegistry, registrySize, servedCompaniesOf } from '../../../fixtures/generator/registry-companies';
import { usccForIndex } from '../../../fixtures/generator/registry-uscc';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createRegistryPortal } from '../../../fixtures/portals/registry/server';
import { readEarlyEvidence } from '../../../jobs/annual-review-check/build/early-evidence-list';
import { startEarlyEvidence } from '../../../jobs/annual-review-check/build/early-evidence';
import { RUN_FILES } from '../../../jobs/annual-review-check/build/run-files';
import { buildAnnualReviewStep } from '../../../jobs/annual-review-check/build-step';
import annualReviewCheck from '../../../jobs/annual-review-check/job';
import { runFixtureBot } from '../bots/portal-bot-harness';
import { buildContext, okSource, writeJsonl } from '../../unit/annual-review-check/job-run-folder';

const DATE = '2025-10-31';
const world = buildWorld(7, 'small');
// Companies with nothing against them on the registry: an account flags only on what it differs in.
const [same, renamed, other] = [...servedCompaniesOf(world)].filter((c) => c.abnormalOperations.length === 0 && c.seriousViolations.length === 0 && (c.status === '' || c.status === '存续')).slice(0, 3);
const unknownCode = usccForIndex(world.seed, registrySize(world) + 17, '620102');

function account(accountNo: string, uscc: string, name: string, legalRepresentative: string): ReviewAccountRecord {
  return {
    accountNo, name, uscc, legalRepresentative, branch: null, accountType: null,
    registeredCapital: null, address: null, businessScope: null, licenseExpiry: null, relationshipManager: null,
  };
}

const shotOf = (code: string) => `evidence/registry.company/registry-${code}.png`;
const mtimeOf = async (runDir: string, file: string) => (await stat(path.join(runDir, file))).mtimeMs;

describe('annual-review-check: evidence rendered alongside the registry lookups', () => {
  let browser: Browser;
  let portal: PortalApp;
  let root: string;
  beforeAll(async () => {
    portal = createRegistryPortal({ dataset: generatedRegistry(world), seed: 7 });
    await portal.listen(0);
    portal.faults.set({ rateLimitPerSecond: 0, busyRate: 0 });
    browser = await launchBrowser();
    root = await mkdtemp(path.join(os.tmpdir(), 'arc-early-evidence-'));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await rm(root, { recursive: true, force: true });
  });

  /** A run folder with the accounts and the registry bot's records; the records as the bot wrote them. */
  async function lookedUp(runDir: string): Promise<{ records: unknown[]; sources: ReturnType<typeof okSource>[] }> {
    const accounts = [
      account('A-same', same!.uscc, same!.name, same!.legalRepresentative),
      account('A-renamed', renamed!.uscc, `${renamed!.name}（旧名）`, renamed!.legalRepresentative),
      account('A-unknown', unknownCode, '兰州某某商贸有限公司', '张三'),
      account('A-other', other!.uscc, other!.name, '不是此人'),
    ];
    await writeJsonl(path.join(runDir, 'sources/annual-review.accounts.jsonl'), accounts);
    const input = annualReviewCheck.sources({ date: DATE, options: {} }).find((s) => s.botId === 'registry.company')!.input;
    const { records, result } = await runFixtureBot(browser, registryCompany, { url: portal.url, login: { username: '', password: '' } }, input, { runDir });
    return { records, sources: [okSource('annual-review.accounts', accounts.length), { ...okSource('registry.company', result.count), file: result.file }] };
  }

  it('renders the flagged companies as the records come, and the build keeps them: same outputs as rendering all in the build', async () => {
    // The build alone, for comparison.
    const alone = path.join(root, 'alone');
    const a = await lookedUp(alone);
    await buildAnnualReviewStep(buildContext(alone, a.sources, { browser: async () => browser }));

    const runDir = path.join(root, 'early');
    const { records, sources } = await lookedUp(runDir);
    const input = annualReviewCheck.sources({ date: DATE, options: {} }).find((s) => s.botId === 'registry.company')!.input;
    const early = annualReviewCheck.alongside!.start({ job: 'annual-review-check', date: DATE, runDir, input, log: pino({ level: 'silent' }), browser: async () => browser });
    for (const record of records) early.record(record);
    await early.finish(true);

    const flagged = [renamed!.uscc, unknownCode, other!.uscc].map(shotOf).sort();
    const listed = await readEarlyEvidence(runDir);
    expect([...listed.keys()].sort()).toEqual(flagged);
    const pageSha = (code: string) => (records as { uscc: string; pages: { sha256: string }[] }[]).find((r) => r.uscc === code)!.pages[0]!.sha256;
    expect(listed.get(shotOf(unknownCode))).toBe(pageSha(unknownCode));
    const before = await Promise.all(flagged.map((f) => mtimeOf(runDir, f)));

    const built = await buildAnnualReviewStep(buildContext(runDir, sources, { browser: async () => browser }));
    // Kept as rendered alongside: not rendered again.
    expect(await Promise.all(flagged.map((f) => mtimeOf(runDir, f)))).toEqual(before);
    expect((built.details as { evidence: string[] }).evidence.sort()).toEqual(flagged);
    // The two runs read the registry at different times: all else is the same.
    const mismatches = async (dir: string) => JSON.parse(await readFile(path.join(dir, RUN_FILES.mismatches), 'utf8'), (key, value: unknown) => (key === 'fetchedAt' ? '-' : value)) as unknown;
    expect(await mismatches(runDir)).toEqual(await mismatches(alone));
    await expect(stat(path.join(runDir, RUN_FILES.earlyEvidence))).rejects.toThrow(/ENOENT/u);
  }, 180_000);

  it('renders again what the list names with other bytes (a retried extraction kept other pages)', async () => {
    const runDir = path.join(root, 'stale');
    const { records, sources } = await lookedUp(runDir);
    const input = annualReviewCheck.sources({ date: DATE, options: {} }).find((s) => s.botId === 'registry.company')!.input;
    const early = startEarlyEvidence({ job: 'annual-review-check', date: DATE, runDir, input, log: pino({ level: 'silent' }), browser: async () => browser });
    for (const record of records) early.record(record);
    await early.finish(true);
    const stale = shotOf(unknownCode);
    const listed = await readEarlyEvidence(runDir);
    await writeFile(path.join(runDir, RUN_FILES.earlyEvidence), [...listed].map(([file, sha256]) => `${JSON.stringify({ file, sha256: file === stale ? '0'.repeat(64) : sha256 })}\n`).join(''));
    const kept = shotOf(renamed!.uscc);
    const [staleBefore, keptBefore] = [await mtimeOf(runDir, stale), await mtimeOf(runDir, kept)];
    await new Promise((r) => setTimeout(r, 20));

    await buildAnnualReviewStep(buildContext(runDir, sources, { browser: async () => browser }));
    expect(await mtimeOf(runDir, stale)).toBeGreaterThan(staleBefore);
    expect(await mtimeOf(runDir, kept)).toBe(keptBefore);
  }, 180_000);
});
