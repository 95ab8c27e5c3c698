import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookSink {
  url: string;
  posts: { headers: http.IncomingHttpHeaders; body: unknown }[];
  stop(): Promise<void>;
}

/** An HTTP endpoint on port 0 that records each POST. */
export async function startWebhookSink(): Promise<WebhookSink> {
  const posts: WebhookSink['posts'] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      posts.push({ headers: req.headers, body: JSON.parse(data) as unknown });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, posts, stop: () => new Promise((r) => server.close(() => r())) };
}
