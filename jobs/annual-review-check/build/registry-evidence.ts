// The annual review's evidence screenshots: for each company one of whose accounts is flagged on a
// registry finding (not on its own code), its detail page rendered from the bytes the registry bot
// kept when it read it (`pages` of the lookup record); for a code the registry does not hold
// (`notFound`), its "未查询到" answer page, kept the same way: that answer is evidence too. The browser is served those bytes and the
// stylesheets kept once per run, so evidence costs the registry no request, and a screenshot
// shows exactly the page the record comes from. The bot judges nothing: which accounts are
// flagged is this job's call, made here, after the rules ran. Each flag of such an account then
// carries `evidence` in mismatches.json: all the pages kept for the company (detail page and every
// record-tab page) with their sha256, and the screenshot (evidenceOf).
//
// Example (build-step.ts):
//   const evidence = RegistryEvidence.of(ctx);
//   tallyAccount(tally, judged, evidence.plan(judged, lookups.evidenceFor(judged.account.uscc)));
//   const shown = await evidence.render(() => ctx.browser(), ctx.log);   // files that exist now
//   evidence.evidenceOf(screenshot)   // → { pages: [{ url, file, sha256, fetchedAt }], screenshot }

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Logger } from 'pino';
import { StoredPage } from '../../../bots/records';
import type { BuildContext } from '../../define-job';
import { screenshotFile } from '../../../bots/registry/stored-names';
import { evidencePage, type MismatchEvidence } from '../outputs/mismatch-evidence';
import { compactUscc } from '../uscc';
import { readEarlyEvidence } from './early-evidence-list';
import { EvidencePage } from './evidence-page';
import type { JudgedAccount } from './judge-accounts';
import { readJsonlLines } from '../../../bots/sdk/jsonl-reader';
import { REGISTRY_BOT } from './run-files';

/**
 * Pages rendering at once: screenshots are CPU work for the browser (its renderer, browser and GPU
 * processes each take a share), and the build shares the machine; each page is also memory of the
 * worker's tree, which the 10,000-account run must keep under 1 GB (docs/benchmarks.md section 5).
 */
const RENDERING_PAGES = 2;

export class RegistryEvidence {
  /** Code → the screenshot planned for it (relative to the run folder). */
  private readonly planned = new Map<string, string>();
  /** Screenshots the bot took itself (records from before it kept pages): linked as they are. */
  private readonly recorded = new Set<string>();
  /** Screenshot → every page kept for its company (detail page first), once rendered. */
  private readonly rendered = new Map<string, StoredPage[]>();

  /** @param lookupsFile the registry bot's records (absolute), null when it has none */
  constructor(private readonly runDir: string, private readonly lookupsFile: string | null) {}

  /** For the run being built: the registry bot's records, if its extraction succeeded. */
  static of(ctx: Pick<BuildContext, 'runDir' | 'sources'>): RegistryEvidence {
    const source = ctx.sources.find((s) => s.botId === REGISTRY_BOT);
    return new RegistryEvidence(ctx.runDir, source?.status === 'ok' && source.file ? path.join(ctx.runDir, source.file) : null);
  }

  /**
   * The screenshot a judged account links, if any: the one its lookup record names, else the one
   * rendered after the pass for a found company the account is flagged against. Planned names are
   * the bot's (`evidence/registry.company/registry-<code>.png`), as when the bot took them.
   */
  plan(judged: JudgedAccount, recorded: string | undefined): string | undefined {
    if (recorded) {
      this.recorded.add(recorded);
      return recorded;
    }
    // A found company, or the registry's answer that it has none (an invalid code is flagged on its own: no page says anything of it).
    const answered = judged.lookup.kind === 'found' || judged.lookup.kind === 'notFound';
    if (!answered || !judged.judgement.flags.some((f) => f.field !== 'uscc')) return undefined;
    const code = compactUscc(judged.account.uscc);
    let file = this.planned.get(code);
    if (!file) {
      file = screenshotFile(REGISTRY_BOT, code);
      this.planned.set(code, file);
    }
    return file;
  }

  /** Renders the planned screenshots; returns every evidence file that exists now (a page missing or unreadable is logged, its account shown without a link). */
  async render(browser: () => Promise<Browser>, log: Logger): Promise<Set<string>> {
    const shown = new Set(this.recorded);
    if (this.planned.size === 0) return shown;
    const pages = await this.keptPages();
    const todo = [...this.planned].flatMap(([code, file]) => {
      const page = pages.get(code);
      if (!page) log.warn({ uscc: code }, 'registry page not kept: flagged account shown without a screenshot');
      return page ? [{ code, file, page: page[0]!, all: page }] : [];
    });
    // Rendered alongside the lookups (early-evidence.ts) from the very page this record names: kept.
    const early = await readEarlyEvidence(this.runDir);
    const left = todo.filter((item) => {
      const done = early.get(item.file) === item.page.sha256 && existsSync(path.join(this.runDir, item.file));
      if (done) {
        shown.add(item.file);
        this.rendered.set(item.file, item.all);
      }
      return !done;
    });
    if (left.length === 0) return shown;
    const context = await (await browser()).newContext();
    try {
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(RENDERING_PAGES, left.length) }, async () => {
        const page = await EvidencePage.open(context, this.runDir);
        try {
          while (next < left.length) {
            const item = left[next++]!;
            try {
              await page.render(item.page, path.join(this.runDir, item.file));
              shown.add(item.file);
              this.rendered.set(item.file, item.all);
            } catch (err) {
              log.warn({ uscc: item.code, err: (err as Error).message }, 'registry evidence screenshot failed; account shown without it');
            }
          }
        } finally {
          await page.close();
        }
      }));
    } finally {
      await context.close();
    }
    return shown;
  }

  /**
   * The `evidence` of mismatches.json for an account whose screenshot is `screenshot`: every page
   * the bot kept for the company and the screenshot rendered from the first. Undefined when the
   * screenshot was not rendered here (a failed render, or one the bot took itself from a record
   * without pages).
   */
  evidenceOf(screenshot: string): MismatchEvidence | undefined {
    const pages = this.rendered.get(screenshot);
    return pages ? { pages: pages.map(evidencePage), screenshot } : undefined;
  }

  /** The kept pages of each planned code's first answer (found, or not found) in the bot's records (one pass; only planned codes are kept; none if any page is malformed). */
  private async keptPages(): Promise<Map<string, StoredPage[]>> {
    const found = new Map<string, StoredPage[]>();
    if (this.lookupsFile === null) return found;
    for await (const { value } of readJsonlLines(this.lookupsFile)) {
      const record = value as { uscc?: unknown; outcome?: unknown; pages?: unknown[] } | undefined;
      if (typeof record?.uscc !== 'string' || (record.outcome !== 'found' && record.outcome !== 'notFound')) continue;
      const code = compactUscc(record.uscc);
      if (!this.planned.has(code) || found.has(code)) continue;
      // Checked here, for the few planned codes: the lookup index reads none of `pages`.
      const pages = StoredPage.array().min(1).safeParse(record.pages);
      if (pages.success) found.set(code, pages.data);
    }
    return found;
  }
}
