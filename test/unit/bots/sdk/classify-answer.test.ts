import { describe, expect, it } from 'vitest';
import { classifyContent, classifyStatus, PortalError, SessionExpiredError } from '../../../../bots/sdk';

const url = 'http://portal.test/page';

describe('classifyStatus / classifyContent (shared by ctx.goto and fetched documents)', () => {
  it('429 → PortalError carrying Retry-After in ms (1 s when absent or unreadable)', () => {
    const err = (() => { try { classifyStatus({ url, status: 429, retryAfter: '3' }); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(PortalError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 3000 });
    expect(() => classifyStatus({ url, status: 429 })).toThrow(expect.objectContaining({ retryAfterMs: 1000 }));
    expect(() => classifyStatus({ url, status: 429, retryAfter: 'soon' })).toThrow(expect.objectContaining({ retryAfterMs: 1000 }));
  });

  it('401 → SessionExpiredError; 5xx → PortalError with the status; 200 and 404 pass', () => {
    expect(() => classifyStatus({ url, status: 401 })).toThrow(SessionExpiredError);
    expect(() => classifyStatus({ url, status: 503 })).toThrow(expect.objectContaining({ name: 'PortalError', status: 503 }));
    expect(() => classifyStatus({ url, status: 200 })).not.toThrow();
    expect(() => classifyStatus({ url, status: 404 })).not.toThrow();
  });

  it('a login page → SessionExpiredError; a 系统繁忙 title → PortalError 503; a normal page passes', () => {
    expect(() => classifyContent(url, { loginShown: true, title: '用户登录' })).toThrow(SessionExpiredError);
    expect(() => classifyContent(url, { loginShown: false, title: '系统繁忙，请稍后再试' })).toThrow(expect.objectContaining({ name: 'PortalError', status: 503 }));
    expect(() => classifyContent(url, { loginShown: false, title: '查询结果' })).not.toThrow();
  });
});
