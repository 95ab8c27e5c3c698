import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../jobs/runtime/config';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'opsbot-config-'));

describe('config', () => {
  it('has defaults without any variable', () => {
    const cfg = parseConfig({}, cwd);
    expect(cfg.varDir).toBe('var');
    expect(cfg.queuePrefix).toBe('opsbot');
    expect(cfg.redisUrl).toBeUndefined();
  });

  it('names the variable of a bad value', () => {
    expect(() => parseConfig({ REDIS_URL: 'not a url' }, cwd)).toThrow(/REDIS_URL/);
    expect(() => parseConfig({ OPSBOT_LOG_LEVEL: 'loud' }, cwd)).toThrow(/OPSBOT_LOG_LEVEL/);
    expect(() => parseConfig({ OPSBOT_PRIVATE_FILES: 'perhaps' }, cwd)).toThrow(ConfigError);
  });

  it('reads portal settings from OPSBOT_PORTAL_<ID>_* variables', () => {
    const cfg = parseConfig({ OPSBOT_PORTAL_CORE_BANKING_URL: 'http://127.0.0.1:9/', OPSBOT_PORTAL_CORE_BANKING_PASSWORD: 'pw' }, cwd);
    expect(cfg.portals['core-banking']).toEqual({ url: 'http://127.0.0.1:9/', password: 'pw' });
  });

  it('lets the environment win over the config file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-config-'));
    writeFileSync(path.join(dir, 'opsbot.config.json'), JSON.stringify({ queuePrefix: 'fromfile', varDir: 'v2' }));
    const cfg = parseConfig({ OPSBOT_QUEUE_PREFIX: 'fromenv' }, dir);
    expect(cfg.queuePrefix).toBe('fromenv');
    expect(cfg.varDir).toBe('v2');
  });

  it('refuses a secrets file readable by others, and reads one with mode 0600', () => {
    const file = path.join(cwd, 'secrets.json');
    writeFileSync(file, JSON.stringify({ portals: { registry: { username: 'u', password: 'p' } } }));
    chmodSync(file, 0o644);
    expect(() => parseConfig({ OPSBOT_SECRETS_FILE: file }, cwd)).toThrow(/mode is 644, must be 600/);
    chmodSync(file, 0o600);
    expect(parseConfig({ OPSBOT_SECRETS_FILE: file }, cwd).portals.registry?.password).toBe('p');
  });
});
