import path from 'node:path';
import type { RunManifest } from '../run-store';

const STATUS_ZH = { ok: '完成', partial: '部分完成（有数据源缺失）', failed: '失败' } as const;

/** Subject and body of a report e-mail; the outputs go as attachments (the caller adds them). */
export function reportMail(manifest: RunManifest): { subject: string; text: string } {
  const rev = manifest.revision > 1 ? ` 第${manifest.revision}版` : '';
  const subject = `[opsbot] ${manifest.job} ${manifest.dataDate}${rev} — ${STATUS_ZH[manifest.status]}`;
  const lines = [
    `作业 ${manifest.job}，数据日期 ${manifest.dataDate}，版本 r${manifest.revision}，状态 ${STATUS_ZH[manifest.status]}。`,
    '',
    '附件:',
    ...manifest.outputs.map((o) => `  ${path.basename(o.file)}  sha256 ${o.sha256}`),
  ];
  if (manifest.errors.length) {
    lines.push('', '问题:', ...manifest.errors.map((e) => `  ${e.source ? `${e.source}: ` : ''}${e.message}`));
  }
  lines.push('', `运行编号 ${manifest.runId}`);
  return { subject, text: lines.join('\n') };
}
