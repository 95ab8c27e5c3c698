// The registry's documents read in Node (the SDK's HtmlDocument, node-html-parser), checked
// against the fixture's own page markup: every field of the company comes back through the same
// parse functions, text is decoded as a browser decodes it (entities, GBK), and a login page or a
// busy page is classified by the portal's definition, as `ctx.goto` classifies a rendered one.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { classifyDocument, definePortal, INTERNAL_LOGIN_FORM, isLoginDocument, PortalError, SessionExpiredError } from '../../../../bots/sdk';
import { HtmlDocument } from '../../../../bots/sdk/readers';
import { detailContent, searchContent, tabContent, tabLink } from '../../../../bots/registry/documents';
import { parseBaseInfo, parseChanges, parseListEntries, parseTabCount } from '../../../../bots/registry/parse';
import { registryPortal } from '../../../../bots/registry/portal';
import { registryCompaniesOf, servedCompaniesOf } from '../../../../fixtures/generator/registry-companies';
import { buildWorld } from '../../../../fixtures/generator/world';
import { detailPage, noResult, resultList, tabPage } from '../../../../fixtures/portals/registry/pages';

const companies = [...registryCompaniesOf(buildWorld(7, 'small'))];
const html = (title: string, body: string, meta = '<meta charset="utf-8">') => `<!doctype html><html><head>${meta}<title>${title}</title></head><body>${body}</body></html>`;
const answer = (body: string | Buffer, url = 'http://registry.test/company/detail?code=x', contentType: string | null = 'text/html; charset=utf-8') => ({
  url, status: 200, bytes: typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body), contentType,
});
/** The registry behind a bank's login gateway (the internal portals' login form). */
const gated = definePortal({ id: 'registry', title: '国家企业信用信息公示系统（网关）', loginForm: INTERNAL_LOGIN_FORM });

describe('registry documents read in Node', () => {
  it('reads every company of the fixture back from its detail page: 基本信息 and 变更记录 with the stated total', () => {
    for (const company of companies.slice(0, 40)) {
      const doc = HtmlDocument.of(answer(html(`${company.name} - 企业信用信息`, detailPage(company, 'base'))));
      expect(doc.title).toBe(`${company.name} - 企业信用信息`);
      const detail = detailContent(doc);
      const base = parseBaseInfo(detail.basePairs);
      const changes = parseChanges(detail.headers, detail.rows);
      expect(base.ok && changes.ok).toBe(true);
      if (!base.ok || !changes.ok) continue;
      expect({ ...base.value, changes: changes.value }).toEqual(company);
      expect(detail.summary).toContain(String(company.changes.length));
    }
  });

  it('reads the list tabs: the counts their labels state, and each entry of their pages (removal only when removed)', () => {
    const served = [...servedCompaniesOf(buildWorld(7, 'small'))];
    const listed = served.filter((c) => c.abnormalOperations.length > 0 || c.seriousViolations.length > 0).slice(0, 20);
    expect(listed.some((c) => c.abnormalOperations.some((e) => e.removedOn === undefined))).toBe(true);
    for (const c of listed) {
      const detail = HtmlDocument.of(answer(html(c.name, detailPage(c, 'base', c))));
      for (const [tab, entries] of [['abnormal', c.abnormalOperations], ['violations', c.seriousViolations]] as const) {
        const link = tabLink(detail, tab);
        expect(link && parseTabCount(link.countText)).toBe(entries.length);
        expect(link?.href).toBe(`http://registry.test/company/${c.uscc}/${tab}?page=1`);
        if (entries.length === 0 || entries.length > 10) continue;
        const page = tabContent(HtmlDocument.of(answer(html(c.name, tabPage(c, tab, 1)), link!.href)), tab);
        expect(page.next).toBeNull();
        expect(parseListEntries(page.headers, page.rows)).toEqual({ ok: true, value: entries });
      }
    }
    expect(parseTabCount('经营异常信息')).toBeUndefined();
    expect(parseListEntries(['序号', '列入日期'], [])).toMatchObject({ ok: false });
  });

  it('search answers: the result rows, or 未查询到', () => {
    const found = searchContent(HtmlDocument.of(answer(html('查询结果', resultList('x', companies.slice(0, 3))))));
    expect(found).toEqual({ noResult: false, hasList: true, rows: companies.slice(0, 3).map((c) => ({ code: c.uscc, href: expect.stringContaining(c.uscc) })) });
    const none = searchContent(HtmlDocument.of(answer(html('查询结果', noResult('91310000XXXXXXXXXX')))));
    expect(none).toMatchObject({ noResult: true, hasList: false, rows: [] });
  });

  it('decodes entities and GBK (from the header, or from the meta when the header has no charset)', () => {
    const page = html('企业 &amp; 信用', '<table id="base-info"><tr><th>企业名称</th><td>甲&amp;乙（上海）&lt;有限&gt;公司</td></tr></table>', '<meta charset="gbk">');
    const gbk = iconv.encode(page, 'gbk');
    for (const contentType of ['text/html; charset=GBK', 'text/html', null]) {
      const doc = HtmlDocument.of(answer(gbk, undefined, contentType));
      expect(doc.title).toBe('企业 & 信用');
      expect(detailContent(doc).basePairs).toEqual([['企业名称', '甲&乙（上海）<有限>公司']]);
    }
  });

  it("recognises the portal's login page (its form, or an answer from its login path) and the busy title", () => {
    const login = HtmlDocument.of(answer(html('用户登录', '<form id="login-form"></form>')));
    expect(isLoginDocument(gated, login)).toBe(true);
    expect(() => classifyDocument(gated, login)).toThrow(SessionExpiredError);
    expect(isLoginDocument(gated, HtmlDocument.of(answer(html('x', ''), 'http://registry.test/login?expired=1')))).toBe(true);
    // The public registry has no login: a login form there is not its session's page.
    expect(isLoginDocument(registryPortal, login)).toBe(false);
    const busy = HtmlDocument.of(answer(html('系统繁忙，请稍后再试', '')));
    expect(isLoginDocument(gated, busy)).toBe(false);
    expect(() => classifyDocument(registryPortal, busy)).toThrow(expect.objectContaining({ name: 'PortalError', status: 503 }));
    expect(() => classifyDocument(definePortal({ id: 'calm', title: '另一个门户', busyText: /稍候/u }), busy)).not.toThrow();
    expect(() => classifyDocument(registryPortal, HtmlDocument.parse(html('x', ''), 'http://registry.test/search', 429), '2')).toThrow(PortalError);
  });
});
