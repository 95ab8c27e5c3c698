import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../jobs/runtime/config';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'opsbot-case-config-'));

describe('case settings in the config', () => {
  it('defaults to the spec: SLA 1 / 5 / 20 / 60 working days, dismissals for 365 days, four eyes on critical and high', () => {
    const cfg = parseConfig({}, cwd);
    expect([cfg.slaDaysCritical, cfg.slaDaysHigh, cfg.slaDaysMedium, cfg.slaDaysLow]).toEqual([1, 5, 20, 60]);
    expect(cfg.dismissalExpiryDays).toBe(365);
    expect(cfg.fourEyesSeverities).toEqual(['critical', 'high']);
  });

  it('reads each from its OPSBOT_ variable', () => {
    const cfg = parseConfig(
      { OPSBOT_SLA_DAYS_CRITICAL: '2', OPSBOT_SLA_DAYS_LOW: '90', OPSBOT_DISMISSAL_EXPIRY_DAYS: '30', OPSBOT_FOUR_EYES_SEVERITIES: 'critical, high,medium' },
      cwd,
    );
    expect(cfg.slaDaysCritical).toBe(2);
    expect(cfg.slaDaysLow).toBe(90);
    expect(cfg.dismissalExpiryDays).toBe(30);
    expect(cfg.fourEyesSeverities).toEqual(['critical', 'high', 'medium']);
  });

  it('refuses an unknown severity or a day count of zero, naming the variable', () => {
    expect(() => parseConfig({ OPSBOT_FOUR_EYES_SEVERITIES: 'critical,urgent' }, cwd)).toThrow(/OPSBOT_FOUR_EYES_SEVERITIES/);
    expect(() => parseConfig({ OPSBOT_SLA_DAYS_HIGH: '0' }, cwd)).toThrow(/OPSBOT_SLA_DAYS_HIGH/);
  });
});
