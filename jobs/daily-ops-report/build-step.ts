import path from 'node:path';
import type { BuildContext, BuildResult } from '../define-job';
import { buildDailyReport } from './build-daily-report';
import { historyForBuild } from './history';
import { historyDaysOf } from './history-days';
import { readSources } from './read-sources';
import { otherSourcesOf } from './source-gate';

/**
 * The build step of the daily-ops-report flow: hands each extracted source (or the reason it is
 * missing) and the earlier days' figures to `buildDailyReport`, in the run folder.
 */
export async function buildDailyReportStep(ctx: BuildContext): Promise<BuildResult> {
  const started = Date.now();
  const history = await historyForBuild(ctx, historyDaysOf(ctx.options));
  const result = await buildDailyReport({
    date: ctx.date,
    revision: ctx.revision,
    sources: readSources(ctx.runDir, ctx.sources),
    // Every other source of the run, so that a failed one is in the outputs, not only the manifest.
    otherSources: otherSourcesOf(ctx.sources),
    history: history.kpis,
    outDir: ctx.runDir,
    browser: await ctx.browser(),
    locale: ctx.options.locale === 'en' ? 'en' : 'zh-CN',
  });
  return {
    status: result.status,
    outputs: [result.files.xlsx, result.files.pdf, result.files.kpis].map((f) => path.relative(ctx.runDir, path.resolve(ctx.runDir, f))),
    errors: result.missingSources.map((m) => ({ source: m.source, message: `数据缺失: ${m.reason}` })),
    stages: { report: Date.now() - started },
    details: { missingSources: result.missingSources, history: history.days },
  };
}
