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

  // V8's own message quotes the text around the error: `Unexpected token 'Z', ..."assword": Zq7xHunter2"...`.
  it.each([
    ['a bare word', '{\n  "portals": {\n    "registry": { "password": Zq7xHunter2 }\n  }\n}\n', 3, 31],
    ['a line break inside the string', '{\n  "smtpPassword": "Zq7x\nHunter2"\n}\n', 2, 24],
    ['a missing comma', '{\n  "smtpPassword": "Zq7xHunter2" "x": 1\n}\n', 2, 33],
    ['a string never closed', '{"smtpPassword": "Zq7xHunter2', 1, 30],
  ])('a secrets file with a JSON error (%s) names file, line and column, never its content', (_label, text, line, column) => {
    const file = path.join(cwd, `bad-secrets-${line}-${column}.json`);
    writeFileSync(file, text, { mode: 0o600 });
    const message = (() => {
      try {
        parseConfig({ OPSBOT_SECRETS_FILE: file }, cwd);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('no error');
    })();
    expect(message).toBe(`${file}: not valid JSON at line ${line}, column ${column} (content not shown: it may hold a password)`);
    for (const part of ['Zq7', 'Hunt', 'nter2']) expect(message).not.toContain(part);
  });

  it('opsbot.config.json with a JSON error is reported the same way; a BOM is accepted', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-config-'));
    const file = path.join(dir, 'opsbot.config.json');
    writeFileSync(file, '{\n  "smtpPassword": Zq7xHunter2\n}');
    expect(() => parseConfig({}, dir)).toThrow(`${file}: not valid JSON at line 2, column 19 (content not shown: it may hold a password)`);
    writeFileSync(file, '\uFEFF{ "queuePrefix": "bom" }');
    expect(parseConfig({}, dir).queuePrefix).toBe('bom');
    writeFileSync(file, 'null');
    expect(() => parseConfig({}, dir)).toThrow(`${file}: must hold a JSON object`);
  });

  it('reads every setting the runtime uses from the one schema: extraction attempts, Chromium, admin name, fixture password', () => {
    const defaults = parseConfig({}, cwd);
    expect(defaults).toMatchObject({ extractAttempts: 3, logLevel: 'info', computeMissingHistory: true });
    expect(defaults.chromiumPath).toBeUndefined();
    expect(defaults.adminName).toBeUndefined();
    expect(defaults.fixturePassword).toBeUndefined();
    const cfg = parseConfig({
      OPSBOT_EXTRACT_ATTEMPTS: '1', CHROMIUM_PATH: '/opt/chromium/chrome', OPSBOT_ADMIN: 'admin-zhang',
      OPSBOT_FIXTURE_PASSWORD: 'fixture-pass', OPSBOT_LOG_LEVEL: 'debug', OPSBOT_COMPUTE_MISSING_HISTORY: 'false',
    }, cwd);
    expect(cfg).toMatchObject({ extractAttempts: 1, chromiumPath: '/opt/chromium/chrome', adminName: 'admin-zhang', fixturePassword: 'fixture-pass', logLevel: 'debug', computeMissingHistory: false });
    expect(() => parseConfig({ OPSBOT_EXTRACT_ATTEMPTS: '0' }, cwd)).toThrow(/^OPSBOT_EXTRACT_ATTEMPTS: /);
  });

  it('limits on input files have defaults that take the project\'s large files, and can be set', () => {
    const cfg = parseConfig({}, cwd);
    expect(cfg.inputMaxFileBytes).toBe(1024 ** 3);
    expect(cfg.inputMaxUnzippedBytes).toBe(1024 ** 3);
    expect(cfg.inputMaxXlsxTableBytes).toBe(64 * 1024 ** 2);
    expect(cfg.inputMaxCellChars).toBe(32_767);
    expect(cfg.inputMaxCellsPerRow).toBe(1_000);
    expect(parseConfig({ OPSBOT_INPUT_MAX_CELL_CHARS: '100' }, cwd).inputMaxCellChars).toBe(100);
    expect(() => parseConfig({ OPSBOT_INPUT_MAX_CELLS_PER_ROW: '-1' }, cwd)).toThrow(/OPSBOT_INPUT_MAX_CELLS_PER_ROW/);
  });
});
