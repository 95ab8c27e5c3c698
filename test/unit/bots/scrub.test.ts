import { describe, expect, it } from 'vitest';
import { scrubText } from '../../../bots/sdk/scrub';

const TOKEN = '4f8858f8e4bf59ead12a371f';

describe('scrubText', () => {
  it('removes a CSRF token however it is written: HTML, a DOM snapshot object, attribute pairs', () => {
    for (const text of [
      `<input type="hidden" name="_csrf" value="${TOKEN}">`,
      `["INPUT",{"type":"hidden","name":"_csrf","value":"${TOKEN}"}]`,
      `[["name","_csrf"],["value","${TOKEN}"]]`,
    ]) {
      const out = scrubText(text, []);
      expect(out).not.toContain(TOKEN);
      expect(out).toContain('[redacted]');
    }
  });

  it('removes every given secret, also URL-encoded, and cookie headers', () => {
    const out = scrubText('pw=p@ss w0rd! p%40ss%20w0rd! {"name":"Cookie","value":"JSESSIONID=abc123"}', ['p@ss w0rd!']);
    expect(out).not.toMatch(/p@ss w0rd!|p%40ss%20w0rd!|abc123/);
  });
});
