// The registry's documents read in Node (node-html-parser), checked against the fixture's own
// page markup: every field of the company comes back through the same parse functions, text is
// decoded as a browser decodes it (entities, GBK), and a login page is recognised.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../../bots/registry/document-reader';
import { parseBaseInfo, parseChanges } from '../../../../bots/registry/parse';
import { registryCompaniesOf } from '../../../../fixtures/generator/registry-companies';
import { buildWorld } from '../../../../fixtures/generator/world';
import { detailPage, noResult, resultList } from '../../../../fixtures/portals/registry/pages';

const companies = [...registryCompaniesOf(buildWorld(7, 'small'))];
const html = (title: string, body: string, meta = '<meta charset="utf-8">') => `<!doctype html><html><head>${meta}<title>${title}</title></head><body>${body}</body></html>`;
const answer = (body: string | Buffer, url = 'http://registry.test/company/detail?code=x', contentType: string | null = 'text/html; charset=utf-8') => ({
  url, status: 200, bytes: typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body), headers: new Headers(contentType ? { 'content-type': contentType } : {}),
});

describe('registry document reader (Node)', () => {
  it('reads every company of the fixture back from its detail page: 基本信息 and 变更记录 with the stated total', () => {
    for (const company of companies.slice(0, 40)) {
      const doc = readAnswer(answer(html(`${company.name} - 企业信用信息`, detailPage(company, 'base'))), 'detail');
      expect(doc.title).toBe(`${company.name} - 企业信用信息`);
      const base = parseBaseInfo(doc.detail!.basePairs);
      const changes = parseChanges(doc.detail!.headers, doc.detail!.rows);
      expect(base.ok && changes.ok).toBe(true);
      if (!base.ok || !changes.ok) continue;
      expect({ ...base.value, changes: changes.value }).toEqual(company);
      expect(doc.detail!.summary).toContain(String(company.changes.length));
    }
  });

  it('search answers: the result rows, or 未查询到', () => {
    const found = readAnswer(answer(html('查询结果', resultList('x', companies.slice(0, 3)))), 'search');
    expect(found.search).toEqual({ hasList: true, rows: companies.slice(0, 3).map((c) => ({ code: c.uscc, href: expect.stringContaining(c.uscc) })) });
    const none = readAnswer(answer(html('查询结果', noResult('91310000XXXXXXXXXX'))), 'search');
    expect(none).toMatchObject({ noResult: true, search: { hasList: false, rows: [] } });
  });

  it('decodes entities and GBK (from the header, or from the meta when the header has no charset)', () => {
    const page = html('企业 &amp; 信用', '<table id="base-info"><tr><th>企业名称</th><td>甲&amp;乙（上海）&lt;有限&gt;公司</td></tr></table>', '<meta charset="gbk">');
    const gbk = iconv.encode(page, 'gbk');
    for (const contentType of ['text/html; charset=GBK', 'text/html', null]) {
      const doc = readAnswer(answer(gbk, undefined, contentType), 'detail');
      expect(doc.title).toBe('企业 & 信用');
      expect(doc.detail!.basePairs).toEqual([['企业名称', '甲&乙（上海）<有限>公司']]);
    }
  });

  it('recognises the login page (form or /login URL) and the busy title', () => {
    expect(readAnswer(answer(html('用户登录', '<form id="login-form"></form>')), 'search').loginShown).toBe(true);
    expect(readAnswer(answer(html('x', ''), 'http://registry.test/login?expired=1'), 'search').loginShown).toBe(true);
    expect(readAnswer(answer(html('系统繁忙，请稍后再试', '')), 'search')).toMatchObject({ loginShown: false, title: '系统繁忙，请稍后再试' });
  });
});
