// The thresholds ops edit (jobs/daily-ops-report/thresholds.json): the spec's defaults ship, and a
// mistake fails naming the file and the figure.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readThresholds, THRESHOLDS_FILE } from '../../../jobs/daily-ops-report/read-thresholds';
import { thresholdsOf } from '../../../jobs/daily-ops-report/thresholds';

describe('thresholds.json', () => {
  it('ships the spec defaults for thresholds', () => {
    const t = readThresholds();
    expect(t['errors.rate']).toEqual({ red: '> 0.005' });
    expect(t['queue.avgWaitSeconds']).toEqual({ amber: '> 600', red: '> 900' });
    expect(t['aml.alertsHandledShare']).toEqual({ red: '< 0.95' });
    expect(t['complaints.slaBreaches']).toEqual({ red: '>= 1' });
    expect(t['devices.availability']).toEqual({ amber: '< 0.98' });
    expect(Object.keys(t)).toHaveLength(5);
  });

  it('lives in the job folder of the checkout', () => {
    expect(THRESHOLDS_FILE.split(path.sep).slice(-3)).toEqual(['jobs', 'daily-ops-report', 'thresholds.json']);
  });

  it('names the file and field when ops make a mistake', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'thresholds-'));
    const file = path.join(dir, 'thresholds.json');
    try {
      writeFileSync(file, JSON.stringify({ 'queue.avgWaitSeconds': { red: 'over 900' } }));
      expect(() => readThresholds(file)).toThrow(/thresholds\.json: queue\.avgWaitSeconds\.red/);
      writeFileSync(file, '{ "errors.rate": ');
      expect(() => readThresholds(file)).toThrow(/thresholds\.json: not readable JSON/);
      writeFileSync(file, '{}');
      expect(readThresholds(file)).toEqual({});
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a figure the spec does not have, and a key other than red / amber', () => {
    expect(() => thresholdsOf({ 'errors.rat': { red: '> 1' } }, 't.json')).toThrow('t.json: unknown figure "errors.rat"');
    expect(() => thresholdsOf({ 'errors.rate': { yellow: '> 1' } }, 't.json')).toThrow(/^t\.json: errors\.rate: /);
    expect(thresholdsOf({ _comment: 'for ops', 'errors.rate': { red: '> 1' } }, 't.json')).toEqual({ 'errors.rate': { red: '> 1' } });
  });
});
