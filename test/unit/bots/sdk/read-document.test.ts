// What every read over HTTP goes through after the bytes arrive (bots/sdk/readers/): the charset
// decoding and the page title the classification reads (busy and login pages).

import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../../bots/sdk/readers/decode-html';
import { HtmlDocument } from '../../../../bots/sdk/readers/html-document';

describe('HtmlDocument.title', () => {
  const title = (html: string) => HtmlDocument.parse(html, 'https://p/').title;
  const samples = [
    '<html><head><meta charset="utf-8"><title> 系统繁忙 </title></head><body><title>later</title></body></html>',
    '<html><head><div><title>nested first</title></div><title>second</title></head></html>',
    '<html><body><div><title>only in body</title></div></body></html>',
    '<html><body><p>no title</p></body></html>',
  ];

  it('is the first <title> in document order, trimmed; empty without one', () => {
    expect(samples.map(title)).toEqual(['系统繁忙', 'nested first', 'only in body', '']);
  });

  it('is what the whole-page walk (getElementsByTagName) gives', () => {
    for (const html of samples) {
      const doc = HtmlDocument.parse(html, 'https://p/');
      expect(doc.title).toBe((doc.root.getElementsByTagName('title')[0]?.textContent ?? '').trim());
    }
  });
});

describe('decodeHtml', () => {
  const gbk = Uint8Array.from([0xc6, 0xf3, 0xd2, 0xb5]); // 企业 in GBK
  it('decodes by the header charset, else the <meta>, and falls back to UTF-8 for a label it does not know', () => {
    expect(decodeHtml(gbk, 'text/html; charset=GBK')).toBe('企业');
    expect(decodeHtml(gbk, 'text/html; charset=gbk')).toBe('企业');
    const meta = Uint8Array.from([...new TextEncoder().encode('<meta charset="gb2312">'), ...gbk]);
    expect(decodeHtml(meta, 'text/html')).toBe('<meta charset="gb2312">企业');
    expect(decodeHtml(new TextEncoder().encode('企业'), 'text/html; charset=x-no-such-charset')).toBe('企业');
    // Asked again after a GBK page: the kept decoder holds nothing of the earlier page.
    expect(decodeHtml(new TextEncoder().encode('信用'), null)).toBe('信用');
  });
});
