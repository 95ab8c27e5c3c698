import type { Command } from 'commander';
import { parseDate, parseOutDir } from '../options';

const actions = () => import('../actions/audit');

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the append-only, hash-chained audit of every action (review-workbench.md, Audit)');
  audit
    .command('verify')
    .description('recompute the hash chain from the first row; exit 1 naming the first row that does not match (id, time, action, subject)')
    .action(async () => (await actions()).auditVerify());
  audit
    .command('export')
    .description('the audit rows of the days --from … --to (Beijing time, both included) as an Excel an auditor reads')
    .requiredOption('--from <D>', 'first day, YYYY-MM-DD', parseDate)
    .requiredOption('--to <D>', 'last day, YYYY-MM-DD', parseDate)
    .requiredOption('--out <file>', 'the .xlsx to write', parseOutDir)
    .action(async (o: { from: string; to: string; out: string }) => (await actions()).auditExport(o));
}
