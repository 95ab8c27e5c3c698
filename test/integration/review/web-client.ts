import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A browser-less client of a test server: keeps cookies, reads the page's CSRF token, never follows redirects. */
export class WebClient {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  static of(server: Server): string {
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<{ status: number; location: string | null; body: string }> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.base + path, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, form: Record<string, string>) => this.request('POST', path, form);

  /** The session's CSRF token, read from a page's hidden field. */
  async csrf(path = '/login'): Promise<string> {
    const page = await this.get(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(page.body);
    if (!m) throw new Error(`no CSRF token on ${path} (status ${page.status})`);
    return m[1]!;
  }

  async login(username: string, password = 'pw-for-tests'): Promise<void> {
    const res = await this.post('/login', { username, password, _csrf: await this.csrf('/login') });
    if (res.status !== 303) throw new Error(`login of ${username} answered ${res.status}`);
  }
}
