import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_ENV, REPO } from '../helpers/cli-process';
import { allEntries, allFiles, filesContaining, textsOf } from './support/scan-files';

// One demo-like run in a child process (see support/full-run.ts): r1 clean, r2 with core banking's
// layout changed and sessions dropped. Everything below reads what that run left and printed.
const DATE = '2026-11-20';
const PASSWORD = `Pw-${randomBytes(6).toString('hex')}!#&`;
const SMTP_PASSWORD = `smtp-${randomBytes(8).toString('hex')}`;
// The web's session secret replaced the dashboard's config passwords: configured, it must leak nowhere either.
const DASHBOARD_PASSWORD = `web-${randomBytes(16).toString('hex')}`;
const work = mkdtempSync(path.join(os.tmpdir(), 'opsbot-full-run-'));
const varDir = path.join(work, 'var');
const issuedFile = path.join(work, 'issued.json');

interface RunSummary { runId: string; runDir: string; status: string; delivered: boolean }
let log = '';
let runs: RunSummary[] = [];
let issued: string[] = [];

beforeAll(async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/hardening/support/full-run.ts')], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...CHILD_ENV,
      OPSBOT_VAR_DIR: varDir, OPSBOT_LOG_LEVEL: 'debug', OPSBOT_EXTRACT_ATTEMPTS: '1', OPSBOT_QUEUE_PREFIX: 'full-run',
      OPSBOT_SMTP_PASSWORD: SMTP_PASSWORD, OPSBOT_WEB_SESSION_SECRET: DASHBOARD_PASSWORD,
      FULL_RUN_DATE: DATE, FULL_RUN_PASSWORD: PASSWORD, FULL_RUN_ISSUED: issuedFile,
    },
  });
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`full run exited ${code}:\n${log.slice(-4000)}`);
  runs = (JSON.parse(log.trim().split('\n').filter((l) => l.startsWith('{"runs"')).at(-1)!) as { runs: RunSummary[] }).runs;
  issued = JSON.parse(readFileSync(issuedFile, 'utf8')) as string[];
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The password as typed, and as a form post or a URL would carry it. */
const passwordForms = (p: string) => [p, encodeURIComponent(p), new URLSearchParams({ p }).toString().slice(2)];

describe('a full run leaves no secret anywhere and keeps its files private', () => {
  it('ran: r1 ok and delivered, r2 partial with evidence (screenshot, HTML, trace) of the changed layout', () => {
    // r2 came out worse than r1: r1 stays latest and r2 is not delivered, only alerted (reliability F20).
    expect(runs.map((r) => [r.runId, r.status, r.delivered])).toEqual([
      [`daily-ops-report/${DATE}/r1`, 'ok', true],
      [`daily-ops-report/${DATE}/r2`, 'partial', false],
    ]);
    const evidence = allFiles(path.join(runs[1]!.runDir, 'evidence')).map((f) => path.basename(f));
    for (const ext of ['.png', '.html', '.trace.zip']) expect(evidence.some((f) => f.endsWith(ext)), ext).toBe(true);
    // The portals issued sessions and CSRF tokens (logins, and re-logins after the dropped sessions).
    expect(issued.length).toBeGreaterThan(10);
  });

  it('no portal password, SMTP or dashboard password, session cookie or CSRF token in the log output', () => {
    expect(log.split('\n').filter((l) => l.startsWith('{"level"')).length).toBeGreaterThan(5); // debug JSON lines were written
    for (const secret of [...passwordForms(PASSWORD), SMTP_PASSWORD, DASHBOARD_PASSWORD, ...issued]) expect(log).not.toContain(secret);
  });

  it('none in any file: run folders (sources, evidence, traces, ledger), outputs, outbox, Redis data', async () => {
    const files = allFiles(varDir);
    expect(files.some((f) => f.endsWith('.trace.zip'))).toBe(true);
    expect(files.some((f) => f.endsWith('.xlsx'))).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}outbox${path.sep}`))).toBe(true);
    const leaks = await filesContaining(varDir, [...passwordForms(PASSWORD), SMTP_PASSWORD, DASHBOARD_PASSWORD, ...issued]);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('run folders, outputs and outbox copies are owner-only: folders 0700, files 0600', () => {
    const entries = ['runs', 'outbox'].flatMap((d) => allEntries(path.join(varDir, d)));
    expect(entries.filter((e) => !e.isDir).length).toBeGreaterThan(20);
    const wrong = entries
      .map((e) => ({ file: path.relative(varDir, e.path), mode: (statSync(e.path).mode & 0o777).toString(8), want: e.isDir ? '700' : '600' }))
      .filter((e) => e.mode !== e.want);
    expect(wrong).toEqual([]);
  });

  it('personal data is masked in every report: no full id number or phone from the sources in the Excel, PDF or kpis.json', async () => {
    const r1 = runs[0]!.runDir;
    const jsonl = (f: string) => readFileSync(path.join(r1, 'sources', f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string | null>);
    const customers = jsonl('core-banking.customers.jsonl');
    const complaints = jsonl('complaints.complaints.jsonl');
    // Only values long enough that a mask hides part of them (first 6 + last 4 of an id, 3 + 4 of a phone).
    const personal = [
      ...customers.map((c) => c.idNumber).filter((v): v is string => !!v && v.length > 10),
      ...[...customers.map((c) => c.phone), ...complaints.map((c) => c.customerPhone)].filter((v): v is string => !!v && v.replace(/\D/g, '').length > 7),
    ];
    expect(personal.length).toBeGreaterThan(20);
    const reports = [`daily-ops-report-${DATE}.xlsx`, `daily-ops-report-${DATE}.pdf`, 'kpis.json'].map((f) => path.join(r1, f));
    const texts = (await Promise.all(reports.map((f) => textsOf(f)))).flat().join('\n');
    // The reports do list customers and complaints (masked), so the check has something to bite on.
    expect(texts).toMatch(/\d{6}\*{4,}\d{3}[\dX]/);
    const unmasked = personal.filter((v) => texts.includes(v));
    expect(unmasked).toEqual([]);
  });
});
