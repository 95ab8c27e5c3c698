import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from '../../../templates/render/html/escape';
import { fill } from '../../../templates/render/format/fill';
import { extractTtcFace } from '../../../templates/render/pdf/ttc-face';
import { WQY_MICROHEI_TTC } from '../../../templates/render/pdf/finish-pdf';
import { svgChart } from '../../../templates/render/charts/svg-chart';
import { loadReportConfig, TEMPLATE_DIR } from '../../../templates/daily-ops-report/report-config';

describe('html escaping', () => {
  it('escapes every interpolated value except trusted markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const name = '<img src=x onerror=alert(1)>';
    expect(html`<td>${name}</td>`.html).toBe('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html`<div>${trusted('<svg></svg>')}${[name, 1]}</div>`.html).toBe('<div><svg></svg>&lt;img src=x onerror=alert(1)&gt;1</div>');
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('第 {x} 页 / 共 {y} 页', { x: 2, y: 5 })).toBe('第 2 页 / 共 5 页');
    expect(fill('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

describe('TTC face extraction', () => {
  it('gives a standalone TrueType font that fontkit opens and that has CJK glyphs', () => {
    const ttf = extractTtcFace(WQY_MICROHEI_TTC, 0);
    const font = fontkit.create(Buffer.from(ttf)) as unknown as { familyName: string; hasGlyphForCodePoint(c: number): boolean };
    expect(font.familyName).toBe('WenQuanYi Micro Hei');
    expect(font.hasGlyphForCodePoint('页'.codePointAt(0) ?? 0)).toBe(true);
    expect(() => extractTtcFace(WQY_MICROHEI_TTC, 9)).toThrow(/no face 9/);
  });
});

describe('SVG charts', () => {
  it('renders an ECharts option to SVG on the server', () => {
    const svg = svgChart({ xAxis: { type: 'category', data: ['甲', '乙'] }, yAxis: {}, series: [{ type: 'bar', data: [3, 5] }] }, 300, 200);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('甲');
  });
});

describe('report config files ops edit', () => {
  it('has the same string keys in zh-CN and en', () => {
    const zh = loadReportConfig('zh-CN').strings;
    const en = loadReportConfig('en').strings;
    const keys = (s: Record<string, Record<string, string>>): string[] =>
      Object.entries(s).flatMap(([g, m]) => Object.keys(m).map((k) => `${g}.${k}`)).sort();
    expect(keys(en)).toEqual(keys(zh));
  });
  it('names the file and field when ops make a mistake', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tpl-'));
    try {
      cpSync(TEMPLATE_DIR, dir, { recursive: true });
      writeFileSync(path.join(dir, 'theme.json'), JSON.stringify({ ...JSON.parse('{}'), brand: 'red' }));
      expect(() => loadReportConfig('zh-CN', dir)).toThrow(/theme\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
