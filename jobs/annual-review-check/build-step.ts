// The build step of the annual-review-check flow: every account judged against the registry
// lookups, then mismatches.json, results.json, the Excel and the ops manager's PDF.
//
// Memory: accounts are streamed (judged once; the workbook's two passes read a compact temp file);
// what stays in memory is the registry index (one compact entry per company, fine up to ~100,000),
// the flags and flagged accounts, and the account numbers seen (duplicate check).

import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, BuildResult } from '../define-job';
import { renderReviewPdf } from '../../templates/annual-review-check/render-pdf';
import type { MismatchRow, WorkbookAccount } from '../../templates/annual-review-check/view-model';
import { writeReviewWorkbook } from '../../templates/annual-review-check/workbook';
import { accountsInput, lookupsProblem, registryLookups } from './build/build-inputs';
import { JsonlWriter } from '../../bots/sdk/jsonl-writer';
import { readJsonlLines } from '../../bots/sdk/jsonl-reader';
import { localDateTimeOf } from '../../bots/records';
import { judgeAccounts, type JudgedAccount } from './build/judge-accounts';
import { RegistryEvidence } from './build/registry-evidence';
import { RUN_FILES } from './build/run-files';
import { emptyTally, tallyAccount } from './build/tally';
import type { InputRowError } from './input';
import { buildMismatches, readPreviousMismatchKeys, toAccountResult, writeMismatchesJson, writeResultsJson, type AccountResult, type MismatchEntry } from './outputs';
import { withEvidence } from './outputs/mismatch-evidence';
import { keepCases, type KeptCases } from './build/keep-cases';
import { caseSections, mismatchRow, reviewReportModel, reviewTotals } from './report-model';

function workbookAccount({ account, lookup, judgement }: JudgedAccount): WorkbookAccount {
  return {
    accountNo: account.accountNo,
    name: account.name,
    uscc: account.uscc,
    branch: account.branch,
    verdict: judgement.verdict,
    ...(judgement.verdict === 'unverifiable' && lookup.kind === 'failed' ? { error: lookup.error } : {}),
  };
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function buildAnnualReviewStep(ctx: BuildContext): Promise<BuildResult> {
  const stages: Record<string, number> = {};
  const timed = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await fn();
    } finally {
      stages[stage] = Date.now() - started;
    }
  };

  const accounts = await accountsInput(ctx);
  if (!accounts.ok) return { status: 'failed', outputs: [], errors: [{ source: accounts.source, message: accounts.message }], details: { reviewDate: ctx.date } };
  const accountsFile = accounts.file;
  // A big registry file is still being read when this returns: the judging waits where it must.
  const { lookups, problem } = await timed('loadLookups', () => registryLookups(ctx));
  const reviewDate = ctx.date;
  const out = (file: string) => path.join(ctx.runDir, file);

  // Pass 1: judge, count, and stream results.json. Input errors the pass finds are appended to the
  // prepared ones; writeResultsJson reads them only after the last account, when the list is whole.
  const inputErrors: InputRowError[] = [...accounts.inputErrors];
  const tally = emptyTally();
  // The workbook reads the accounts twice more: from this compact file, not by judging again.
  const judgedFile = out(RUN_FILES.judgedAccounts);
  const judgedWriter = await JsonlWriter.open(judgedFile);
  const registryEvidence = RegistryEvidence.of(ctx);
  /** Accounts judged pass or mismatch: only their cases may be resolved by this run. */
  const judgedAccounts = new Set<string>();
  async function* results(): AsyncGenerator<AccountResult> {
    for await (const judged of judgeAccounts(accountsFile, lookups, reviewDate, (e) => inputErrors.push(e))) {
      if (judged.judgement.verdict !== 'unverifiable') judgedAccounts.add(judged.account.accountNo);
      tallyAccount(tally, judged, registryEvidence.plan(judged, lookups.evidenceFor(judged.account.uscc)));
      await judgedWriter.write(workbookAccount(judged));
      yield toAccountResult(judged.judgement);
    }
  }
  function* inputErrorsByRow(): Generator<InputRowError> {
    yield* [...inputErrors].sort((a, b) => a.row - b.row);
  }
  try {
    await timed('judge', () => writeResultsJson(out(RUN_FILES.results), reviewDate, results(), inputErrorsByRow()));
    await judgedWriter.commit();
  } catch (error) {
    await judgedWriter.abort();
    throw error;
  }
  inputErrors.sort((a, b) => a.row - b.row);
  tally.counts.inputErrors = inputErrors.length;
  const problems = [problem ?? (await lookupsProblem(lookups))].filter((p): p is string => p !== null);

  const [previous] = await ctx.previousRuns(1);
  const previousKeys = await readPreviousMismatchKeys(previous ? path.join(previous.runDir, RUN_FILES.mismatches) : null);
  // Rendered from the registry pages the bot kept: no request to the registry.
  const shown = await timed('evidence', () => registryEvidence.render(() => ctx.browser(), ctx.log));
  await rm(out(RUN_FILES.earlyEvidence), { force: true });
  /** The screenshot an entry links: its account's, when rendered, never for a code that was not looked up. */
  const screenshotOf = (m: MismatchEntry): string | undefined => {
    const evidence = tally.flagged.get(m.accountNo)?.evidence;
    return evidence !== undefined && shown.has(evidence) && m.field !== 'uscc' ? evidence : undefined;
  };
  const againstPrevious = withEvidence(buildMismatches(tally.flags, previousKeys), (m) => {
    const screenshot = screenshotOf(m);
    return screenshot === undefined ? undefined : registryEvidence.evidenceOf(screenshot);
  });
  // With a database the flags become cases (one transaction) and their status is the ledger's;
  // without one, status stays new / recurring against the previous run and the manifest says so.
  const kept: KeptCases | null = ctx.cases
    ? await timed('cases', () => keepCases(ctx.cases!, { job: ctx.job, runId: ctx.runId }, againstPrevious, (accountNo) => tally.flagged.get(accountNo)?.branch ?? null, judgedAccounts))
    : null;
  const mismatches = kept?.entries ?? againstPrevious;
  await writeMismatchesJson(out(RUN_FILES.mismatches), mismatches);
  // The rows link the screenshot and the first kept page (the Excel); the entry's evidence stays in the JSON.
  const allRows: MismatchRow[] = mismatches.map(({ evidence: keptEvidence, ...m }) => {
    const evidence = screenshotOf(m);
    const evidencePage = keptEvidence?.pages[0]?.file;
    return mismatchRow(m, { branch: tally.flagged.get(m.accountNo)?.branch ?? null, ...(evidence ? { evidence } : {}), ...(evidencePage ? { evidencePage } : {}) }, reviewDate);
  });
  // Flags a clerk dismissed (and whose dismissal holds) are listed apart (已复核忽略), not among the open findings.
  const cases = kept ? caseSections(allRows, kept.resolved, kept.decided) : undefined;
  const rows = allRows.filter((m) => m.status !== 'dismissed');

  const totals = reviewTotals(tally.counts, tally.branches.values(), allRows);
  const unverifiable = tally.counts.byVerdict.unverifiable;
  if (unverifiable > 0 && problems.length === 0) problems.push(`${unverifiable} 户登记查询失败，无法核验，须重新核验`);
  else if (unverifiable > 0) problems.push(`${unverifiable} 户无法核验，须重新核验`);

  const xlsxName = RUN_FILES.xlsx(reviewDate);
  async function* workbookAccounts(): AsyncGenerator<WorkbookAccount> {
    for await (const { value } of readJsonlLines(judgedFile)) yield value as WorkbookAccount;
  }
  try {
    await timed('workbook', () => writeReviewWorkbook(out(xlsxName), { reviewDate, totals, mismatches: rows, accounts: workbookAccounts, inputErrors, ...(cases ? { cases } : {}) }));
  } finally {
    await rm(judgedFile, { force: true });
  }

  const pdfName = RUN_FILES.pdf(reviewDate);
  const created = new Date();
  await timed('pdf', async () => {
    const { bytes } = await renderReviewPdf({
      browser: await ctx.browser(),
      created,
      report: reviewReportModel({
        reviewDate,
        generatedAt: localDateTimeOf(created),
        revision: ctx.revision,
        totals,
        mismatches: rows,
        unverifiable: tally.unverifiable,
        inputErrors,
        problems,
        xlsxName,
        ...(cases ? { cases } : {}),
      }),
      attachments: [
        { name: xlsxName, bytes: await readFile(out(xlsxName)), mimeType: XLSX_MIME, description: '核验明细 Excel' },
        { name: RUN_FILES.mismatches, bytes: await readFile(out(RUN_FILES.mismatches)), mimeType: 'application/json', description: '不一致清单' },
      ],
    });
    await writeFile(out(pdfName), bytes);
  });

  const evidence = [...new Set(allRows.flatMap((r) => (r.evidence ? [r.evidence] : [])))];
  ctx.log.info({ counts: tally.counts, problems }, 'annual-review-check built');
  return {
    status: problems.length > 0 ? 'partial' : 'ok',
    outputs: [RUN_FILES.mismatches, RUN_FILES.results, xlsxName, pdfName],
    errors: problems.map((message) => ({ source: 'registry.company', message })),
    stages,
    details: {
      reviewDate,
      inputs: accounts.inputs,
      counts: tally.counts,
      registry: { companies: lookups.size, rejectedLines: lookups.rejected },
      previousRun: previous ? previous.dataDate : null,
      mismatches: Object.fromEntries((['new', 'recurring', 'confirmed', 'dismissed'] as const).map((status) => [status, mismatches.filter((m) => m.status === status).length])),
      cases: kept
        ? { kept: true, superseded: kept.superseded, resolved: kept.resolved.length, decidedSincePreviousRun: kept.decided.length }
        : { kept: false, reason: '未连接数据库：本次运行未保存复核案件，status 仅与上次运行比较（new / recurring）' },
      evidence,
      dataQuality: { inputErrors: inputErrors.length, unverifiable, problems },
    },
  };
}
