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
