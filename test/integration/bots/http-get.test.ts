// The SDK's HTTP client for reads with the browser's session (bots/sdk/readers/http-get.ts):
// one GET, redirects not followed, every Set-Cookie kept, the bytes as sent; a timeout, a refused
// connection and a body cut short are failures, never a short answer. A local server, no browser.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../../../bots/sdk/readers/http-get';

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/page') {
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; HttpOnly']);
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('retry-after', '3');
      res.end(JSON.stringify({ cookie: req.headers.cookie ?? null, ua: req.headers['user-agent'] ?? null }));
    } else if (req.url === '/moved') {
      res.writeHead(302, { location: '/page' }).end('moved');
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2_000).unref();
    } else if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only part');
      setTimeout(() => res.destroy(), 20).unref();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('httpGet', () => {
  it('sends the headers given and returns status, every Set-Cookie, content type, Retry-After and the bytes', async () => {
    const answer = await httpGet(`${base}/page`, { cookie: 'sid=x', 'user-agent': 'UA/1' }, { timeoutMs: 5_000 });
    expect(answer.status).toBe(200);
    expect(answer.setCookies).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(answer.contentType).toBe('text/html; charset=utf-8');
    expect(answer.retryAfter).toBe('3');
    expect(answer.bytes).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(answer.bytes))).toEqual({ cookie: 'sid=x', ua: 'UA/1' });
  });

  it('does not follow a redirect: the caller does, hop by hop', async () => {
    const answer = await httpGet(`${base}/moved`, {}, { timeoutMs: 5_000 });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe('/page');
  });

  it('fails with the signal\'s reason when it times out', async () => {
    await expect(httpGet(`${base}/slow`, {}, { timeoutMs: 100 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('fails when the body ends before its Content-Length, and when nothing listens', async () => {
    await expect(httpGet(`${base}/cut`, {}, { timeoutMs: 5_000 })).rejects.toThrow();
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(httpGet(`http://127.0.0.1:${port}/`, {}, { timeoutMs: 5_000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses a URL that is not http(s)', async () => {
    await expect(httpGet('file:///etc/hostname', {}, { timeoutMs: 5_000 })).rejects.toThrow(/not an http/);
  });
});
