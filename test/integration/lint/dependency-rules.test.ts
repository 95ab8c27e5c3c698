// The dependency rule (DESIGN.md, Layout) holds only while .dependency-cruiser.cjs says it: a rule
// whose path pattern stopped matching (a folder renamed, a regex typo) passes every tree in
// silence. So the real config cruises a small tree built here with one deliberate violation per
// rule, and must name each offending import under its rule, and nothing in a tree that keeps
// the rule: each rule is shown to catch what it is for and not more.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');
const config = createRequire(import.meta.url)(path.join(REPO, '.dependency-cruiser.cjs')) as IConfiguration;
const TREE = ['bots', 'jobs', 'templates', 'scripts', 'fixtures'];

/** The modules every tree has: one per kind of folder, importing nothing. */
const BASE: Record<string, string> = {
  'bots/sdk/index.ts': '',
  'bots/records/index.ts': '',
  'bots/aml/alerts.bot.ts': '',
  'bots/core-banking/customers.bot.ts': '',
  'bots/index.ts': '',
  'jobs/index.ts': '',
  'jobs/define-job.ts': '',
  'jobs/runtime/worker.ts': '',
  'jobs/review/cases.ts': '',
  'jobs/daily-ops-report/figures.ts': '',
  'jobs/annual-review-check/rules.ts': '',
  'templates/daily-ops-report/workbook.ts': '',
  'fixtures/portals/aml.ts': '',
  'scripts/cli/main.ts': '',
  'test/helpers/test-runtime.ts': '',
  'scripts/bench/main.ts': '',
};

/** A package of `dependencies` and one of `devDependencies`, as the tree's package.json declares them. */
const DEPENDENCY = 'zod';
const DEV_DEPENDENCY = 'vitest';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/**
 * Writes BASE plus `files` (path → imports: paths in the tree, or `npm:<package>`) and cruises it
 * with the real rules.
 */
async function violationsOf(files: Record<string, string[]>): Promise<string[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'opsbot-depcruise-'));
  roots.push(root);
  const all: Record<string, string> = { ...BASE };
  for (const [file, imports] of Object.entries(files)) {
    all[file] = imports
      .map((to, i) => {
        let spec = to.startsWith('npm:') ? to.slice(4) : path.relative(path.dirname(file), to).replace(/\.ts$/, '');
        if (!to.startsWith('npm:') && !spec.startsWith('.')) spec = `./${spec}`;
        // Type-only, as the strictest case: the rules must count these too.
        return `import type * as M${i} from '${spec}';\nexport type T${i} = typeof M${i};\n`;
      })
      .join('');
  }
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(root, file), `${text}export const here = ${JSON.stringify(file)};\n`);
  }
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { [DEPENDENCY]: '*' }, devDependencies: { [DEV_DEPENDENCY]: '*' } }));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  const { tsConfig: _tsConfig, ...options } = config.options ?? {};
  const cwd = process.cwd();
  process.chdir(root); // the rules' paths are relative to where the cruise runs, as in `npm run lint:deps`
  try {
    const result = await cruise(TREE.filter((d) => Object.keys(all).some((f) => f.startsWith(`${d}/`))), {
      ...options,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      outputType: 'json',
    });
    const output = (typeof result.output === 'string' ? JSON.parse(result.output) : result.output) as ICruiseResult;
    // A package is named by its name (node_modules is a link here, so its files resolve elsewhere).
    const named = (to: string) => to.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1');
    return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${named(v.to)}`).sort();
  } finally {
    process.chdir(cwd);
  }
}

describe('the dependency rules of .dependency-cruiser.cjs', () => {
  it('let the allowed arrows through: scripts → jobs → {templates, bots} → sdk, records', async () => {
    expect(
      await violationsOf({
        'scripts/cli/main.ts': ['jobs/index.ts', 'bots/index.ts', 'jobs/review/cases.ts', 'jobs/runtime/worker.ts'],
        'jobs/daily-ops-report/figures.ts': ['templates/daily-ops-report/workbook.ts', 'bots/aml/alerts.bot.ts', 'jobs/runtime/worker.ts', 'jobs/review/cases.ts', 'jobs/define-job.ts'],
        'jobs/review/cases.ts': ['jobs/runtime/worker.ts', 'templates/daily-ops-report/workbook.ts', 'bots/core-banking/customers.bot.ts'],
        'jobs/runtime/worker.ts': ['bots/sdk/index.ts', 'templates/daily-ops-report/workbook.ts', 'jobs/define-job.ts'],
        'templates/daily-ops-report/workbook.ts': ['bots/sdk/index.ts', 'bots/records/index.ts'],
        'bots/aml/alerts.bot.ts': ['bots/sdk/index.ts', 'bots/records/index.ts', `npm:${DEPENDENCY}`],
        'bots/sdk/index.ts': ['bots/records/index.ts'],
        'scripts/bench/main.ts': ['jobs/index.ts', `npm:${DEV_DEPENDENCY}`],
        'fixtures/portals/aml.ts': ['bots/records/index.ts'],
      }),
    ).toEqual([]);
  });

  it('name each forbidden import under its rule, type-only imports included', async () => {
    expect(
      await violationsOf({
        'bots/aml/alerts.bot.ts': ['jobs/annual-review-check/rules.ts', 'templates/daily-ops-report/workbook.ts', 'bots/core-banking/customers.bot.ts'],
        'templates/daily-ops-report/workbook.ts': ['jobs/define-job.ts', 'bots/core-banking/customers.bot.ts'],
        'jobs/runtime/worker.ts': ['scripts/cli/main.ts', 'jobs/index.ts', 'jobs/review/cases.ts', 'jobs/daily-ops-report/figures.ts', 'bots/aml/alerts.bot.ts'],
        'jobs/review/cases.ts': ['jobs/daily-ops-report/figures.ts', 'bots/index.ts'],
        'bots/sdk/index.ts': ['bots/core-banking/customers.bot.ts'],
        'bots/records/index.ts': ['bots/sdk/index.ts'],
        'fixtures/portals/aml.ts': ['bots/sdk/index.ts', 'jobs/annual-review-check/rules.ts', 'templates/daily-ops-report/workbook.ts', 'scripts/cli/main.ts'],
        'scripts/cli/main.ts': ['test/helpers/test-runtime.ts', `npm:${DEV_DEPENDENCY}`],
        'jobs/daily-ops-report/figures.ts': ['jobs/annual-review-check/rules.ts', 'npm:typescript'],
      }),
    ).toEqual(
      [
        'bots-and-templates-not-jobs: bots/aml/alerts.bot.ts → jobs/annual-review-check/rules.ts',
        'bots-not-templates: bots/aml/alerts.bot.ts → templates/daily-ops-report/workbook.ts',
        'portal-bots-not-each-other: bots/aml/alerts.bot.ts → bots/core-banking/customers.bot.ts',
        'bots-and-templates-not-jobs: templates/daily-ops-report/workbook.ts → jobs/define-job.ts',
        'templates-only-sdk-and-records: templates/daily-ops-report/workbook.ts → bots/core-banking/customers.bot.ts',
        'jobs-not-scripts: jobs/runtime/worker.ts → scripts/cli/main.ts',
        'runtime-is-handed-its-registries: jobs/runtime/worker.ts → jobs/index.ts',
        'registries-only-in-scripts: jobs/runtime/worker.ts → jobs/index.ts',
        'runtime-not-review: jobs/runtime/worker.ts → jobs/review/cases.ts',
        'runtime-knows-no-job-or-bot: jobs/runtime/worker.ts → jobs/daily-ops-report/figures.ts',
        'runtime-knows-no-job-or-bot: jobs/runtime/worker.ts → bots/aml/alerts.bot.ts',
        'jobs-not-other-jobs: jobs/daily-ops-report/figures.ts → jobs/annual-review-check/rules.ts',
        'review-not-jobs: jobs/review/cases.ts → jobs/daily-ops-report/figures.ts',
        'registries-only-in-scripts: jobs/review/cases.ts → bots/index.ts',
        'sdk-and-records-below-bots: bots/sdk/index.ts → bots/core-banking/customers.bot.ts',
        'records-are-the-floor: bots/records/index.ts → bots/sdk/index.ts',
        'fixtures-only-records: fixtures/portals/aml.ts → bots/sdk/index.ts',
        'fixtures-only-records: fixtures/portals/aml.ts → jobs/annual-review-check/rules.ts',
        'fixtures-only-records: fixtures/portals/aml.ts → templates/daily-ops-report/workbook.ts',
        'fixtures-only-records: fixtures/portals/aml.ts → scripts/cli/main.ts',
        'code-not-tests: scripts/cli/main.ts → test/helpers/test-runtime.ts',
        `product-only-dependencies: scripts/cli/main.ts → ${DEV_DEPENDENCY}`,
        'product-only-dependencies: jobs/daily-ops-report/figures.ts → typescript',
      ].sort(),
    );
  });

  it('name a cycle, even of type-only imports, and an import that resolves to nothing', async () => {
    const found = await violationsOf({
      'jobs/annual-review-check/rules.ts': ['jobs/annual-review-check/normalise.ts'],
      'jobs/annual-review-check/normalise.ts': ['jobs/annual-review-check/rules.ts'],
      'jobs/daily-ops-report/figures.ts': ['jobs/daily-ops-report/no-such-file.ts'],
    });
    // A cycle is reported once, from whichever of its modules the cruise met first.
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^no-cycles: jobs\/annual-review-check\/(rules|normalise)\.ts → jobs\/annual-review-check\/(normalise|rules)\.ts$/);
    expect(found[1]).toBe('no-unresolvable: jobs/daily-ops-report/figures.ts → ./no-such-file');
  });

  it('has every rule of the config shown above, so a new rule comes with its case here', () => {
    expect((config.forbidden ?? []).map((r) => r.name).sort()).toEqual(
      [
        'no-cycles', 'bots-and-templates-not-jobs', 'jobs-not-scripts', 'templates-only-sdk-and-records', 'bots-not-templates',
        'sdk-and-records-below-bots', 'records-are-the-floor', 'portal-bots-not-each-other', 'fixtures-only-records',
        'runtime-is-handed-its-registries', 'runtime-knows-no-job-or-bot', 'registries-only-in-scripts', 'jobs-not-other-jobs',
        'review-not-jobs', 'runtime-not-review', 'code-not-tests', 'product-only-dependencies', 'no-unresolvable',
      ].sort(),
    );
  });
});
