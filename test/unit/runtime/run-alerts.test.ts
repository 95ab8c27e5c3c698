import { describe, expect, it } from 'vitest';
import { runAlert } from '../../../jobs/runtime/alerts';
import type { RunManifest } from '../../../jobs/runtime/run-store';

const partial: RunManifest = {
  runId: 'daily-ops-report/2026-11-20/r2', job: 'daily-ops-report', dataDate: '2026-11-20', revision: 2, status: 'partial',
  startedAt: '2026-11-21T00:00:00Z', finishedAt: '2026-11-21T00:01:00Z', durationMs: 60_000, sources: [], outputs: [], stages: {},
  errors: [{ source: 'core-banking.transactions', message: 'net::ERR_CONNECTION_REFUSED', evidence: [] }], details: {},
};

describe('runAlert', () => {
  it('says when a revision did not replace the better latest one and was not delivered', () => {
    const alert = runAlert({ ...partial, notLatest: { latest: 'daily-ops-report/2026-11-20/r1', status: 'ok' } }, '/runs/x')!;
    expect(alert.subject).toBe('daily-ops-report 2026-11-20 r2 部分完成（数据源缺失）（未替换最新版本）');
    expect(alert.text).toContain('本版本不如已有的 daily-ops-report/2026-11-20/r1（ok）: 该版本仍为此日期的最新版本，本版本未投递给收件人。');
  });
  it('a partial run that is the latest says nothing of the kind', () => {
    const alert = runAlert(partial, '/runs/x')!;
    expect(alert.subject).not.toContain('未替换');
    expect(alert.text).not.toContain('未投递');
  });
});
