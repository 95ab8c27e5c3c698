// Every task a benchmark child can run, by name. Modules load lazily so a child pays only for
// what its task uses (a browser-less task never loads Playwright).

import type { AnnualReviewTaskArgs } from './annual-review/annual-review-task';
import type { RegistryContenderArgs } from './registry/registry-result';
import type { ReportTaskArgs } from './report/report-task';
import type { ReviewQueueTaskArgs } from './review-queue/review-queue-task';
import type { CaseRunsTaskArgs } from './cases/case-runs-task';

type Task = (args: never) => Promise<unknown>;

export const TASKS: Record<string, Task> = {
  'engine-dataset': async (args: { dir: string; seed: number; accounts: number }) =>
    (await import('./engine/dataset')).engineDataset(args.dir, args.seed, args.accounts),
  engine: async (args: { accountsFile: string; lookupsFile: string; accounts: number }) => (await import('./engine/engine-task')).runEngine(args),
  excel: async (args: { writer: 'opsbot' | 'exceljs'; rows: number; dir: string }) => (await import('./excel/excel-task')).runExcel(args),
  'registry-opsbot': async (args: RegistryContenderArgs) => (await import('./registry/opsbot-task')).runOpsbotRegistry(args),
  'registry-crawlee-cheerio': async (args: RegistryContenderArgs) => (await import('./registry/crawlee-cheerio-task')).runCrawleeCheerioRegistry(args),
  'registry-crawlee-playwright': async (args: RegistryContenderArgs) => (await import('./registry/crawlee-playwright-task')).runCrawleePlaywrightRegistry(args),
  'registry-raw-http': async (args: RegistryContenderArgs) => (await import('./registry/raw-http-task')).runRawHttpRegistry(args),
  'registry-playwright-bare': async (args: RegistryContenderArgs) => (await import('./registry/bare-playwright-task')).runBarePlaywrightRegistry(args),
  'annual-review': async (args: AnnualReviewTaskArgs) => (await import('./annual-review/annual-review-task')).runAnnualReview(args),
  report: async (args: ReportTaskArgs) => (await import('./report/report-task')).runReport(args),
  'review-queue': async (args: ReviewQueueTaskArgs) => (await import('./review-queue/review-queue-task')).runReviewQueue(args),
  'case-runs': async (args: CaseRunsTaskArgs) => (await import('./cases/case-runs-task')).runCaseRuns(args),
};
