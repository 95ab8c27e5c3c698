import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../jobs/runtime/logger';

describe('logger', () => {
  it('redacts password, token, secret and cookie fields at any common depth', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const logger = createLogger('info', sink);
    logger.info({ password: 'hunter2', creds: { password: 'pw2' }, token: 't0k', a: { b: { secret: 's3' } }, headers: { cookie: 'JSESSIONID=abc' } }, 'login');
    logger.child({ bot: 'x' }).warn({ req: { headers: { authorization: 'Basic Zm9v' } } }, 'retry');
    const out = lines.join('');
    expect(out).not.toMatch(/hunter2|pw2|t0k|s3|JSESSIONID=abc|Zm9v/);
    expect(out.match(/\[redacted\]/g)?.length).toBe(6);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'login', level: 30 });
  });
});

describe('logToFile (the log of a command a person watches: demo, run)', () => {
  it('writes every line as JSON to the file (owner-only) and only warnings and errors, readable, to the console', async () => {
    const { mkdtemp, readFile, rm, stat } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { logToFile } = await import('../../../jobs/runtime/logger');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-log-'));
    try {
      const file = path.join(dir, 'logs', 'opsbot.log');
      let console = '';
      const logger = logToFile(file, { level: 'info', console: { isTTY: false, write: (s: string | Uint8Array) => ((console += String(s)), true) } });
      logger.child({ bot: 'aml.alerts' }).info({ count: 105 }, 'extraction complete');
      logger.warn({ password: 'hunter2', attempt: 2 }, 'portal busy, retrying');
      logger.debug('not at this level');
      const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.msg)).toEqual(['extraction complete', 'portal busy, retrying']);
      expect(lines[0]).toMatchObject({ bot: 'aml.alerts', count: 105, level: 30 });
      expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
      // The console: the warning alone, as a line a person reads (no JSON), the secret redacted.
      expect(console).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: portal busy, retrying/);
      expect(console.trim().split('\n')).toHaveLength(1);
      expect(console).not.toContain('extraction complete');
      expect(console).not.toMatch(/^\{/m);
      expect(console + lines.map((l) => JSON.stringify(l)).join('')).not.toContain('hunter2');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
