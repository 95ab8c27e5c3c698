// Real servers in front of the fixture registry, for the registry bot's fetch-mode tests:
// - a registry whose pages are built by a script (the HTML the server sends has none of the
//   content; the browser's script writes it), as some portals do;
// - the registry behind a bank's login gateway (the kit's login form, session cookie, expiry);
// - a registry that refuses any client but a browser (403 to a User-Agent without "Chrome"),
//   as an anti-bot front may.
// Both relay the registry's real answers (status, Retry-After, HTML); nothing is made up here.

import { HttpApp, type Req, type Res } from '../../../fixtures/kit/http-app';
import { PortalApp } from '../../../fixtures/kit/portal-app';

/** The registry's pages: home, search, detail, and the record tabs' own pages (`/company/<code>/<tab>?page=N`). */
const PATHS: (string | RegExp)[] = ['/', '/search', '/company/detail', /^\/company\/[^/]+\/[a-z]+$/u];

async function relay(upstream: string, req: Req): Promise<{ status: number; retryAfter: string | null; html: string }> {
  const url = new URL(req.raw.url ?? '/', upstream);
  const answer = await fetch(url);
  return { status: answer.status, retryAfter: answer.headers.get('retry-after'), html: await answer.text() };
}

function send(res: Res, answer: { status: number; retryAfter: string | null }, html: string): void {
  res.status(answer.status);
  if (answer.retryAfter) res.header('Retry-After', answer.retryAfter);
  res.html(html);
}

/** The body's markup moved into a script that writes it at load: a fetched document has no content. */
export function scriptBuilt(html: string): string {
  const open = html.indexOf('<body');
  const start = html.indexOf('>', open) + 1;
  const end = html.lastIndexOf('</body>');
  if (open < 0 || end < start) return html;
  // JSON with '<' escaped keeps "</script>" inside the string from closing the script.
  const inner = JSON.stringify(html.slice(start, end)).replace(/</gu, '\\u003c');
  return `${html.slice(0, start)}<div id="app">加载中…</div><script>document.getElementById('app').remove();document.write(${inner});</script>${html.slice(end)}`;
}

/** The registry at `upstream`, its pages built by script in the browser. */
export async function startScriptBuiltRegistry(upstream: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new HttpApp();
  for (const p of PATHS) {
    app.get(p, async (req, res) => {
      const answer = await relay(upstream, req);
      send(res, answer, answer.status === 200 ? scriptBuilt(answer.html) : answer.html);
    });
  }
  const url = await app.listen(0);
  return { url, close: () => app.close() };
}

/** The registry at `upstream` behind a login (the kit's PortalApp: CSRF, JSESSIONID, session drops). */
export async function startLoginGateway(upstream: string, login: { username: string; password: string }): Promise<{ url: string; gateway: PortalApp; close: () => Promise<void> }> {
  const gateway = new PortalApp({ id: 'registry-gateway', name: '工商信息查询网关', login });
  for (const p of PATHS) {
    gateway.app.get(p, gateway.requireLogin(async (req, res) => {
      const answer = await relay(upstream, req);
      send(res, answer, answer.html);
    }));
  }
  const url = await gateway.listen(0);
  return { url, gateway, close: () => gateway.close() };
}


/** The registry at `upstream`, refusing (403) every request whose User-Agent is not a Chrome's; `asked` counts the refusals. */
export async function startBrowserOnlyRegistry(upstream: string): Promise<{ url: string; refused: () => number; close: () => Promise<void> }> {
  const app = new HttpApp();
  let refused = 0;
  for (const p of PATHS) {
    app.get(p, async (req, res) => {
      if (!/Chrome\//u.test(req.raw.headers['user-agent'] ?? '')) {
        refused++;
        res.status(403).html('<html><head><title>403 Forbidden</title></head><body>请使用浏览器访问</body></html>');
        return;
      }
      const answer = await relay(upstream, req);
      send(res, answer, answer.html);
    });
  }
  const url = await app.listen(0);
  return { url, refused: () => refused, close: () => app.close() };
}
