import { existsSync, mkdtempSync } from 'node:fs';
import { mkdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pruneRuns } from '../../../../jobs/runtime/housekeeping';
import { RunStore } from '../../../../jobs/runtime/run-store';
import { writeFinishedRun } from '../../../helpers/fake-run';

const DAY = 86_400_000;

describe('housekeeping: pruning the run store', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-prune-'));
  afterAll(() => rm(root, { recursive: true, force: true }));
  const now = new Date('2026-06-30T00:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  it('removes ok runs past the retention, keeps failed/partial runs and their evidence longer, never touches a run in progress', async () => {
    const store = new RunStore(root);
    const oldOk = await writeFinishedRun(store, { date: '2026-01-05', finishedAt: ago(100) });
    const recentOk = await writeFinishedRun(store, { date: '2026-06-01', finishedAt: ago(20) });
    const oldFailed = await writeFinishedRun(store, { date: '2026-01-06', status: 'failed', finishedAt: ago(100), evidence: ['evidence/bot/page.png'] });
    const ancientPartial = await writeFinishedRun(store, { date: '2025-01-06', status: 'partial', finishedAt: ago(400) });
    const inProgress = await store.createStaging('daily-ops-report', '2026-06-29', 1);
    const abandoned = await store.createStaging('daily-ops-report', '2025-02-01', 1);
    await utimes(abandoned, ago(400), ago(400));
    const unreadable = path.join(root, 'daily-ops-report', '2026-03-01', 'r1');
    await mkdir(unreadable, { recursive: true });

    const r = await pruneRuns(root, { retentionDays: 90, failedRetentionDays: 365 }, now);

    expect(r.removed.sort()).toEqual([oldOk.runDir, ancientPartial.runDir, abandoned].sort());
    expect(existsSync(recentOk.runDir)).toBe(true);
    expect(existsSync(path.join(oldFailed.runDir, 'evidence/bot/page.png'))).toBe(true);
    expect(existsSync(inProgress)).toBe(true);
    expect(r.unreadable).toEqual([unreadable]);
    expect(r.kept).toBe(3);
  });
});
