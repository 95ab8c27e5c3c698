// The evidence screenshots, started while the registry bot is still looking companies up
// (JobDefinition.alongside): that run waits on the registry's rate limit with the CPU mostly idle,
// and rendering the flagged companies' pages afterwards took 214 s of the 10,000-account run
// (docs/benchmarks.md section 5). Each lookup is judged as it is written, with the same rules and
// the same planning as the build (judgeAccounts, RegistryEvidence.plan), and a flagged company's
// kept page is rendered to the file the build would name, on one page in the background. Each
// screenshot done is listed (file and the sha256 of the page it shows) in RUN_FILES.earlyEvidence.
//
// Only a head start: the build judges everything again and renders whatever is not listed with
// the very page its record names (a retried extraction may have kept other bytes), so its outputs
// are the same with or without this. The bot judges nothing; this is the job's code.

import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { StoredPage } from '../../../bots/records';
import type { Alongside, AlongsideContext } from '../../define-job';
import { compactUscc } from '../uscc';
import { EvidencePage } from './evidence-page';
import { judgeAccounts } from './judge-accounts';
import { RegistryEvidence } from './registry-evidence';
import { feedRegistryLookups } from './registry-lookups';
import { listEarlyEvidence } from './early-evidence-list';

interface Planned {
  code: string;
  file: string;
  page: StoredPage;
}

/** For the registry lookups of an accounts file (the bot's `accountsFile` input); nothing to do for a list of codes. */
export function startEarlyEvidence(ctx: AlongsideContext): Alongside {
  const accountsFile = (ctx.input as { accountsFile?: unknown } | undefined)?.accountsFile;
  if (typeof accountsFile !== 'string') return { record: () => undefined, finish: async () => undefined };
  return new EarlyEvidence(ctx, path.join(ctx.runDir, accountsFile));
}

class EarlyEvidence implements Alongside {
  private readonly feed = feedRegistryLookups();
  /** The first kept page of each code answered (found or not found): what its screenshot shows. */
  private readonly pageOf = new Map<string, unknown>();
  private readonly planner: RegistryEvidence;
  private readonly queue: Planned[] = [];
  private readonly judging: Promise<void>;
  private rendering: Promise<void> | undefined;
  private context: Promise<BrowserContext> | undefined;
  private page: EvidencePage | undefined;
  private stopped = false;

  constructor(private readonly ctx: AlongsideContext, accountsFile: string) {
    this.planner = new RegistryEvidence(ctx.runDir, null);
    this.judging = this.judge(accountsFile).catch((err: unknown) => this.giveUp(err));
  }

  record(record: unknown): void {
    if (this.stopped) return;
    const r = record as { uscc?: unknown; outcome?: unknown; pages?: unknown } | undefined;
    if (typeof r?.uscc === 'string' && (r.outcome === 'found' || r.outcome === 'notFound') && Array.isArray(r.pages) && r.pages.length > 0) {
      const code = compactUscc(r.uscc);
      if (!this.pageOf.has(code)) this.pageOf.set(code, r.pages[0]);
    }
    this.feed.add(record);
  }

  async finish(ok: boolean): Promise<void> {
    if (!ok) this.stopped = true;
    this.feed.finish();
    await this.judging;
    // A round that ended at once (stopped) never clears itself: wait for each round only once.
    for (let round = this.rendering; round; round = this.rendering === round ? undefined : this.rendering) await round;
    await this.page?.close();
    await (await this.context?.catch(() => undefined))?.close().catch(() => undefined);
  }

  private async judge(accountsFile: string): Promise<void> {
    for await (const judged of judgeAccounts(accountsFile, this.feed.index, this.ctx.date)) {
      if (this.stopped || this.ctx.signal?.aborted) return;
      const code = compactUscc(judged.account.uscc);
      const kept = this.pageOf.get(code);
      // A screenshot the bot took itself is linked as it is; nothing to render then.
      const file = this.feed.index.evidenceFor(judged.account.uscc) ? undefined : this.planner.plan(judged, undefined);
      if (file === undefined || kept === undefined || this.queued(file)) continue;
      const page = StoredPage.safeParse(kept);
      if (!page.success) continue;
      this.queue.push({ code, file, page: page.data });
      this.rendering ??= this.render();
    }
  }

  private readonly seen = new Set<string>();
  private queued(file: string): boolean {
    if (this.seen.has(file)) return true;
    this.seen.add(file);
    return false;
  }

  /** One page, one screenshot at a time: the lookups keep their pace, and the queue keeps up with ~0.7 flags a second. */
  private async render(): Promise<void> {
    try {
      for (let item = this.queue.shift(); item && !this.stopped && !this.ctx.signal?.aborted; item = this.queue.shift()) {
        this.page ??= await EvidencePage.open(await this.openContext(), this.ctx.runDir);
        try {
          await this.page.render(item.page, path.join(this.ctx.runDir, item.file));
          await listEarlyEvidence(this.ctx.runDir, item.file, item.page.sha256);
        } catch (err) {
          // The build renders it again (and says so if it fails there too).
          this.ctx.log.debug({ uscc: item.code, err: (err as Error).message }, 'early evidence screenshot failed; left to the build');
        }
      }
    } catch (err) {
      this.giveUp(err);
    } finally {
      // No await since the queue was last found empty: a flag queued from now on starts a new round.
      this.rendering = undefined;
    }
  }

  private openContext(): Promise<BrowserContext> {
    this.context ??= this.ctx.browser().then((b: Browser) => b.newContext());
    return this.context;
  }

  private giveUp(err: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.ctx.log.warn({ err: (err as Error).message }, 'early evidence stopped; the build renders the rest');
  }
}
