import path from 'node:path';
import type { Command } from 'commander';
import { parseRunId, runStoreFromConfig, type RunManifest } from '../../../jobs/runtime/run-store';
import { CliError, EXIT } from '../exit-codes';
import { parseIntOption } from '../options';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Per-source counts: the number, or why it is missing (never a silent zero). */
function counts(m: RunManifest): string {
  return m.sources.map((s) => `${s.botId}=${s.count ?? 'missing'}`).join(' ');
}

function line(m: RunManifest): string {
  return [m.runId.padEnd(36), m.dataDate, m.status.padEnd(7), seconds(m.durationMs).padStart(8), m.finishedAt, counts(m)].join('  ');
}

function details(m: RunManifest, runDir: string): string[] {
  const out = [
    `run        ${m.runId}`,
    `job        ${m.job}`,
    `data date  ${m.dataDate} (revision ${m.revision})`,
    `status     ${m.status}`,
    `started    ${m.startedAt}`,
    `finished   ${m.finishedAt} (${seconds(m.durationMs)})`,
    `folder     ${runDir}`,
    'sources:',
    ...m.sources.map((s) => `  ${s.botId.padEnd(32)} ${s.status.padEnd(6)} ${s.count === null ? 'missing' : `${s.count}${s.expected !== null ? ` of ${s.expected}` : ''}`}${s.durationMs !== null ? `  ${seconds(s.durationMs)}` : ''}`),
    'outputs:',
    ...(m.outputs.length ? m.outputs.map((o) => `  ${path.join(runDir, o.file)}  ${o.bytes} bytes  sha256 ${o.sha256}`) : ['  (none)']),
  ];
  if (Object.keys(m.stages).length) out.push(`stages     ${Object.entries(m.stages).map(([k, v]) => `${k} ${seconds(v)}`).join(', ')}`);
  if (m.errors.length) {
    out.push('failures:');
    for (const e of m.errors) {
      out.push(`  ${e.source ? `${e.source}: ` : ''}${e.message}`);
      for (const ev of e.evidence) out.push(`    evidence ${path.isAbsolute(ev) ? ev : path.join(runDir, ev)}`);
    }
  }
  return out;
}

export function registerRuns(program: Command): void {
  const runs = program
    .command('runs')
    .description('run history: data date, status, counts, duration, outputs, failures with evidence paths')
    .option('--job <job>', 'only this job')
    .option('--limit <n>', 'at most this many (newest data date first)', parseIntOption, 20)
    .action(async (o: { job?: string; limit: number }) => {
      const list = await runStoreFromConfig().list({ job: o.job, limit: o.limit });
      if (!list.length) {
        console.error(`no finished runs${o.job ? ` of ${o.job}` : ''} in ${runStoreFromConfig().root}`);
        return;
      }
      for (const m of list) console.log(line(m));
    });
  runs
    .command('show <run-id>')
    .description('one run in full, e.g. daily-ops-report/2026-02-13/r1')
    .action(async (runId: string) => {
      const store = runStoreFromConfig();
      let ref: ReturnType<typeof parseRunId>;
      try {
        ref = parseRunId(runId);
      } catch (err) {
        throw new CliError((err as Error).message, EXIT.usage);
      }
      const m = await store.readById(runId, parseRunId);
      for (const l of details(m, store.runDir(ref.job, ref.date, ref.revision))) console.log(l);
    });
}
