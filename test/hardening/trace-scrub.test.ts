import { describe, expect, it } from 'vitest';
import { scrubText } from '../../bots/sdk/scrub';

// What a Playwright trace's network log holds for a step that spanned a re-login: the cookie of
// the session the portal dropped is no longer in the context, so only its place gives it away.
const DROPPED = 'ceb94a7a8cbd1c8a0727a50ff8954152';
const CURRENT = '6e9b6d77067ecbbc716f81a18270ea4b';
const TRACE_LINE = JSON.stringify({
  type: 'resource-snapshot',
  snapshot: {
    request: { url: 'http://127.0.0.1:1234/corrections', headers: [{ name: 'Cookie', value: `JSESSIONID=${DROPPED}` }], cookies: [{ name: 'JSESSIONID', value: DROPPED }] },
    response: { status: 302, headers: [{ name: 'Set-Cookie', value: `JSESSIONID=${CURRENT}; HttpOnly` }], cookies: [{ name: 'JSESSIONID', value: CURRENT, path: '/', httpOnly: true }], content: { mimeType: 'text/html' } },
  },
});
const SNAPSHOT_HTML = '<form><input type="hidden" name="_csrf" value="9f8e7d6c5b4a39281706f5e4"><input name="q" value="B001"></form>';

describe('evidence scrubbing', () => {
  it('removes session cookies from trace network entries even when the session is no longer known', () => {
    const out = scrubText(TRACE_LINE, []); // no known secrets at all: the structure alone must suffice
    expect(out).not.toContain(DROPPED);
    expect(out).not.toContain(CURRENT);
    const parsed = JSON.parse(out) as { snapshot: { request: { url: string }; response: { status: number } } };
    expect(parsed.snapshot.request.url).toBe('http://127.0.0.1:1234/corrections'); // the rest stays readable
    expect(parsed.snapshot.response.status).toBe(302);
  });

  it('removes CSRF tokens from DOM snapshots and known passwords in plain and URL-encoded form', () => {
    const password = 'Pw-1a2b!#&';
    const out = scrubText(`${SNAPSHOT_HTML} user=ops01&password=${encodeURIComponent(password)} typed ${password}`, [password]);
    expect(out).not.toContain('9f8e7d6c5b4a39281706f5e4');
    expect(out).not.toContain(password);
    expect(out).not.toContain(encodeURIComponent(password));
    expect(out).toContain('value="B001"');
  });
});
