import { createReadStream } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import ExcelJS from 'exceljs';
import type { TransactionRecord } from '../../bots/records';
import type { BuildContext, BuildResult } from '../define-job';
import { writeJsonAtomic } from '../runtime/run-store';

/**
 * The first slice of the daily report: transaction counts by channel from the core-banking bot,
 * as kpis.json, an Excel sheet and a PDF. The full report replaces this builder.
 */
export async function buildThinReport(ctx: BuildContext): Promise<BuildResult> {
  const src = ctx.sources.find((s) => s.botId === 'core-banking.transactions');
  const missing = !src || src.status !== 'ok' || !src.file;
  const byChannel: Record<string, number> = {};
  let total = 0;
  if (!missing) {
    const lines = readline.createInterface({ input: createReadStream(path.join(ctx.runDir, src.file!)) });
    for await (const line of lines) {
      if (!line) continue;
      const t = JSON.parse(line) as TransactionRecord;
      total += 1;
      byChannel[t.channel] = (byChannel[t.channel] ?? 0) + 1;
    }
  }
  const kpis = missing ? { transactions: null, missing: ['core-banking.transactions'] } : { transactions: { total, byChannel } };
  await writeJsonAtomic(path.join(ctx.runDir, 'kpis.json'), kpis);

  const xlsx = `daily-ops-report-${ctx.date}.xlsx`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('概览');
  ws.columns = [{ header: '指标', key: 'k', width: 20 }, { header: '数值', key: 'v', width: 14 }];
  ws.addRow({ k: '数据日期', v: ctx.date });
  if (missing) ws.addRow({ k: '交易笔数', v: '数据缺失' });
  else {
    ws.addRow({ k: '交易笔数', v: total });
    for (const [ch, n] of Object.entries(byChannel)) ws.addRow({ k: `  ${ch}`, v: n });
  }
  await wb.xlsx.writeFile(path.join(ctx.runDir, xlsx));

  const pdf = `daily-ops-report-${ctx.date}.pdf`;
  const browser = await ctx.browser();
  const page = await browser.newPage();
  try {
    const rows = missing ? '<tr><td>交易笔数</td><td>数据缺失</td></tr>'
      : `<tr><td>交易笔数</td><td>${total}</td></tr>${Object.entries(byChannel).map(([c, n]) => `<tr><td>${c}</td><td>${n}</td></tr>`).join('')}`;
    await page.setContent(`<html><head><meta charset="utf-8"><style>body{font-family:"WenQuanYi Micro Hei"}</style></head>
<body><h1>运营日报 ${ctx.date}</h1><table>${rows}</table></body></html>`);
    await page.pdf({ path: path.join(ctx.runDir, pdf), format: 'A4' });
  } finally {
    await page.close();
  }
  return { status: missing ? 'partial' : 'ok', outputs: [xlsx, pdf, 'kpis.json'], errors: missing ? [{ source: 'core-banking.transactions', message: src?.error ?? '数据缺失' }] : [] };
}
