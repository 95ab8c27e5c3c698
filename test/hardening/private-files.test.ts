import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../jobs/runtime/config';
import { RunStore, runStoreOf, type RunManifest } from '../../jobs/runtime/run-store';
import { allEntries } from './support/scan-files';

const JOB = 'daily-ops-report';
const DATE = '2026-11-20';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'opsbot-modes-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const modeOf = async (p: string) => ((await stat(p)).mode & 0o777).toString(8);

/** A run as the writers leave it: exceljs output, a plain file, evidence in a sub-folder — all with the process umask. */
async function buildRun(store: RunStore): Promise<{ staging: string; xlsx: string }> {
  const staging = await store.createStaging(JOB, DATE, 1);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('总览').addRow(['交易笔数', 42]);
  const xlsx = path.join(staging, `daily-ops-report-${DATE}.xlsx`);
  await wb.xlsx.writeFile(xlsx);
  await writeFile(path.join(staging, 'kpis.json'), '{}');
  await mkdir(path.join(staging, 'evidence', 'core-banking.transactions'), { recursive: true });
  await writeFile(path.join(staging, 'evidence', 'core-banking.transactions', 'layout-page.png'), 'png');
  return { staging, xlsx };
}

function manifest(): RunManifest {
  const now = new Date().toISOString();
  return { runId: `${JOB}/${DATE}/r1`, job: JOB, dataDate: DATE, revision: 1, status: 'ok', startedAt: now, finishedAt: now, durationMs: 1, sources: [], outputs: [], stages: {}, errors: [], details: {} };
}

async function modesUnder(dir: string): Promise<{ dirs: Set<string>; files: Set<string> }> {
  const entries = allEntries(dir);
  const dirs = new Set([await modeOf(dir), ...(await Promise.all(entries.filter((e) => e.isDir).map((e) => modeOf(e.path))))]);
  const files = new Set(await Promise.all(entries.filter((e) => !e.isDir).map((e) => modeOf(e.path))));
  return { dirs, files };
}

describe('run folders and outputs are owner-only by default, shared when configured', () => {
  it('default: exceljs writes with the umask, and the published run is 0700 folders / 0600 files', async () => {
    const store = new RunStore(path.join(root, 'private'));
    const { xlsx } = await buildRun(store);
    // What the writers left: group/world readable under the usual 022 umask — hence the walk.
    const umask = process.umask();
    if ((umask & 0o044) === 0) expect(await modeOf(xlsx)).toBe('644');
    const dir = await store.finish(manifest());
    expect(await modesUnder(dir)).toEqual({ dirs: new Set(['700']), files: new Set(['600']) });
    // The job and date folders above the run are owner-only too.
    expect(await modeOf(path.join(store.root, JOB))).toBe('700');
    expect(await modeOf(path.join(store.root, JOB, DATE))).toBe('700');
  });

  it('OPSBOT_PRIVATE_FILES=false: the configured store publishes 0755 folders / 0644 files', async () => {
    const cfg = parseConfig({ OPSBOT_PRIVATE_FILES: 'false', OPSBOT_RUNS_DIR: path.join(root, 'shared') }, root);
    expect(cfg.privateFiles).toBe(false);
    const store = runStoreOf(cfg);
    await buildRun(store);
    await writeFile(path.join(store.stagingDir(JOB, DATE, 1), 'private-by-accident.json'), '{}', { mode: 0o600 });
    const dir = await store.finish(manifest());
    expect(await modesUnder(dir)).toEqual({ dirs: new Set(['755']), files: new Set(['644']) });
  });

  it('the default configuration is owner-only', () => {
    expect(parseConfig({}, root).privateFiles).toBe(true);
  });
});
