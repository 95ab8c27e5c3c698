/**
 * The files `opsbot new-bot <portal>.<dataset>` writes. Each is a working example of the
 * conventions (page object, pure parser, manifest, fixture, test), meant to be edited.
 */
export interface BotNames {
  portal: string;
  dataset: string;
  id: string;
  title: string;
  /** PascalCase of the dataset, for class names. */
  Class: string;
  /** camelCase of portal + dataset, for variables. */
  camel: string;
  /** UPPER_SNAKE of the dataset, for constants. */
  CONST: string;
}

export function names(id: string, title?: string): BotNames {
  const [portal, dataset] = id.split('.') as [string, string];
  const pascal = (s: string) => s.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const camel = pascal(`${portal}-${dataset}`);
  return { portal, dataset, id, title: title ?? `${dataset} 数据`, Class: pascal(dataset), camel: camel.charAt(0).toLowerCase() + camel.slice(1), CONST: dataset.toUpperCase().replace(/-/g, '_') };
}

export const portalVarOf = (portal: string) => `${names(`${portal}.x`).camel.replace(/X$/, '')}Portal`;

export const portalFile = (n: BotNames) => `import { definePortal } from '../sdk';

/**
 * The ${n.portal} portal. Public for now; behind the bank's usual login form, add
 * \`loginForm: INTERNAL_LOGIN_FORM\` (from '../sdk'), as bots/core-banking/portal.ts does.
 */
export const ${portalVarOf(n.portal)} = definePortal({
  id: '${n.portal}',
  title: '${n.portal}',
  blockResources: true,
});
`;

export const pageFile = (n: BotNames) => `import type { Page } from 'playwright-core';
import { GridPage } from '../../sdk';

/**
 * The ${n.dataset} list: one screen, locators by intent, no business rules. GridPage reads the
 * table's headers and rows and the "共 N 条" under it; add this screen's URL and filters here.
 */
export class ${n.Class}Page extends GridPage {
  constructor(page: Page) {
    super(page, 'table#${n.dataset}-table');
  }

  static url(pageNo: number, size: number): string {
    return \`/${n.dataset}?\${new URLSearchParams({ page: String(pageNo), size: String(size) })}\`;
  }
}
`;

export const parseFile = (n: BotNames) => `import { z } from 'zod';
import type { GridColumns } from '../sdk';

/** One ${n.dataset} record: the contract between this bot and the jobs that read it. */
export const ${n.Class}Record = z.object({
  id: z.string().min(1),
  name: z.string(),
  amount: z.number(),
});
export type ${n.Class}Record = z.infer<typeof ${n.Class}Record>;

/**
 * The list's columns, by header text (columns may come in any order; an unknown or missing one is
 * a layout change), and how a cell's text becomes a value (plain text when not listed; throw an
 * Error for a text the bot cannot read: the row and column are added to it).
 */
export const ${n.CONST}_GRID: GridColumns<${n.Class}Record> = {
  name: '${n.title}',
  headers: { 编号: 'id', 名称: 'name', 金额: 'amount' },
  convert: { amount: (text) => Number(text.replace(/,/g, '')) },
};
`;

export const botFile = (n: BotNames, portalVar: string, portalImport: string) => `import { z } from 'zod';
import { defineBot, GridPageSize, readGrid } from '../sdk';
import { ${n.CONST}_GRID, ${n.Class}Record } from './${n.dataset}.parse';
import { ${n.Class}Page } from './pages/${n.dataset}.page';
import { ${portalVar} } from '${portalImport}';

/**
 * ${n.title}: every row of the ${n.dataset} list. The SDK's readGrid pages through it, maps the
 * headers by text, declares the "共 N 条" and checks every page against it.
 */
export default defineBot({
  id: '${n.id}',
  title: '${n.title}',
  version: '0.1.0',
  portal: ${portalVar},
  input: z.object({ pageSize: GridPageSize }),
  record: ${n.Class}Record,
  async *run(ctx, { pageSize }) {
    yield* readGrid(ctx, {
      columns: ${n.CONST}_GRID,
      pageSize,
      open: (page) => new ${n.Class}Page(page),
      url: (pageNo, size) => ${n.Class}Page.url(pageNo, size),
    });
  },
});
`;

/** The name of the function that serves a scaffolded fixture page on a portal, e.g. mountLoansOverdue. */
export const mountFnOf = (n: BotNames) => `mount${n.camel.charAt(0).toUpperCase()}${n.camel.slice(1)}`;

export const fixtureFile = (n: BotNames) => `import { esc } from '../../kit/html';
import { pageRequest, pager, slicePage } from '../../kit/pagination';
import { PortalApp } from '../../kit/portal-app';

/** Rows the ${n.dataset} fixture serves: generated, so the test knows the exact answer. */
export function ${n.camel}Rows(count = 45): { id: string; name: string; amount: number }[] {
  return Array.from({ length: count }, (_, i) => ({ id: \`X\${String(i + 1).padStart(4, '0')}\`, name: \`样例\${i + 1}\`, amount: (i * 137) % 1000 + 0.5 }));
}

/**
 * Serves ${n.id}'s page on a portal: a paginated table with a "共 N 条" total. Listed in
 * fixtures/portals/scaffolded.ts, so \`opsbot run … --with-fixtures\` serves it on the ${n.portal} portal.
 */
export function ${mountFnOf(n)}(portal: PortalApp, rows = ${n.camel}Rows()): void {
  portal.app.get('/${n.dataset}', (req, res) => {
    const pr = pageRequest(req.query, 20);
    const body = \`<table class="grid" id="${n.dataset}-table"><thead><tr><th>编号</th><th>名称</th><th>金额</th></tr></thead><tbody>
\${slicePage(rows, pr).map((r) => \`<tr><td>\${esc(r.id)}</td><td>\${esc(r.name)}</td><td>\${r.amount.toFixed(2)}</td></tr>\`).join('')}
</tbody></table>\${pager(rows.length, pr, new URLSearchParams(), '/${n.dataset}')}\`;
    portal.page(res, '${n.title}', body);
  });
}

/** A portal of its own serving only this page, for the bot's own test. */
export function create${n.Class}Fixture(rows = ${n.camel}Rows()): PortalApp {
  const portal = new PortalApp({ id: '${n.portal}', name: '${n.portal}' });
  ${mountFnOf(n)}(portal, rows);
  return portal;
}
`;

export const testFile = (n: BotNames, depth: string) => `import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotRuntime, launchBrowser, runBot } from '${depth}bots/sdk';
import bot from '${depth}bots/${n.portal}/${n.dataset}.bot';
import { create${n.Class}Fixture, ${n.camel}Rows } from '${depth}fixtures/portals/${n.portal}/${n.dataset}.fixture';
import type { PortalApp } from '${depth}fixtures/kit/portal-app';

let browser: Browser;
let portal: PortalApp;

beforeAll(async () => {
  browser = await launchBrowser();
  portal = create${n.Class}Fixture();
  await portal.listen(0);
});
afterAll(async () => {
  await portal?.close();
  await browser?.close();
});

describe('${n.id}', () => {
  it('reads every row of every page, exactly', async () => {
    const runDir = mkdtempSync(path.join(os.tmpdir(), '${n.portal}-'));
    const runtime = new BotRuntime(async () => browser, () => ({ url: portal.url }), pino({ level: 'silent' }));
    // Pages of 10: the fixture's rows take several pages.
    const result = await runBot(runtime, bot, { pageSize: 10 }, { runDir });
    const expected = ${n.camel}Rows();
    expect(result.count).toBe(expected.length);
    expect(result.expected).toBe(expected.length);
    const { readFileSync } = await import('node:fs');
    const records = readFileSync(path.join(runDir, result.file), 'utf8').trim().split('\\n').map((l) => JSON.parse(l));
    expect(records).toEqual(expected);
  });
});
`;
