// One GET over node:http / node:https with keep-alive, no redirect followed: what SessionHttp
// needs of an HTTP client and nothing more. Node's fetch (undici behind WHATWG streams, Headers
// and AbortSignal plumbing) cost about twice the CPU per request of this in the registry bench
// (2,000 requests to the fixture registry: 1.27 s of CPU for fetch, 0.56 s for http.get, both
// with the server's share in the same process); a registry lookup is two or more requests.
//
// Example:
//   const answer = await httpGet('https://portal/search?keyword=…', { cookie, 'user-agent': ua }, { timeoutMs: 30_000 });
//   answer.status; answer.setCookies; new TextDecoder().decode(answer.bytes);

import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

/** Sockets kept open between requests to the same portal, as a browser and fetch keep them. */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

export interface RawAnswer {
  status: number;
  /** Every Set-Cookie header, in order. */
  setCookies: string[];
  location: string | null;
  contentType: string | null;
  retryAfter: string | null;
  bytes: Uint8Array;
}

const header = (res: IncomingMessage, name: string): string | null => {
  const value = res.headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
};

export interface GetOptions {
  /**
   * The whole exchange's limit: past it the request is dropped and the promise rejects with a
   * `TimeoutError` DOMException, as `AbortSignal.timeout` makes (retried as a portal fault). A
   * plain timer, not `AbortSignal.timeout`: that is an AbortController, a timer and a weak
   * reference per request, a measurable part of a read's CPU in the registry bench.
   */
  timeoutMs: number;
  /** Ends the request early with the signal's reason (a cancelled job). */
  signal?: AbortSignal;
}

/**
 * GET `url` with `headers`. Rejects on a network failure (the error as node:http raises it, e.g.
 * ECONNREFUSED), on a body cut short, after `timeoutMs` (a TimeoutError), and with `signal`'s
 * reason when it aborts.
 */
export function httpGet(url: string, headers: Record<string, string>, { timeoutMs, signal }: GetOptions): Promise<RawAnswer> {
  const target = new URL(url);
  const agent = target.protocol === 'http:' || target.protocol === 'https:' ? agents[target.protocol] : undefined;
  if (!agent) return Promise.reject(new TypeError(`not an http(s) URL: ${url}`));
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<RawAnswer>((resolve, reject) => {
    let settled = false;
    const done = () => {
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (err: Error) => {
      if (settled) return;
      done();
      req.destroy();
      reject(err);
    };
    const onAbort = () => fail(signal!.reason as Error);
    const timer = setTimeout(() => fail(new DOMException(`no answer from ${target.origin} within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    const req = client.get(target, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        done();
        const body = Buffer.concat(chunks);
        const setCookie = res.headers['set-cookie'];
        resolve({
          status: res.statusCode ?? 0,
          setCookies: setCookie ?? [],
          location: header(res, 'location'),
          contentType: header(res, 'content-type'),
          retryAfter: header(res, 'retry-after'),
          // A plain Uint8Array over the same memory: the answer's bytes are kept and hashed as received.
          bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
        });
      });
      res.on('close', () => {
        if (!res.complete) fail(new Error(`the answer from ${target.origin} ended before its body did`));
      });
    });
    req.on('error', fail);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
