// The three ways a bot reads a page, chosen per bot (or per page), all classifying what the portal
// answered the same way (classify-answer.ts: the portal's login form and busy text, 429/401/5xx):
// - render (`ctx.goto`, `gotoPaced`): a real navigation; for pages built by script, for clicks;
// - in page (`readInPage`): the logged-in page's own fetch, several pages per round trip;
// - HTTP (`HttpReader`): Node's fetch with the browser context's cookies and User-Agent, parsed
//   in Node; no renderer and no DevTools round trip at all.
export * from './decode-html';
export * from './html-document';
export * from './page-answer';
export * from './session-http';
export * from './http-reader';
export * from './in-page-fetch';
export * from './render';
export * from './request-pacer';
