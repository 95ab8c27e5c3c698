import path from 'node:path';
import type { RunManifest } from '../run-store';
import type { ReportAttachments } from './mail-attachments';

const STATUS_ZH = { ok: '完成', partial: '部分完成（有数据源缺失）', failed: '失败' } as const;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Subject and body of a report e-mail; the outputs go as attachments (the caller adds them).
 * `linked` says where the files the report links to (screenshots) are: in the zip attached, or —
 * too large for e-mail — in the delivered folder `outbox`.
 */
export function reportMail(manifest: RunManifest, linked?: ReportAttachments['note'], outbox?: string): { subject: string; text: string } {
  const rev = manifest.revision > 1 ? ` 第${manifest.revision}版` : '';
  const subject = `[opsbot] ${manifest.job} ${manifest.dataDate}${rev} — ${STATUS_ZH[manifest.status]}`;
  const lines = [
    `作业 ${manifest.job}，数据日期 ${manifest.dataDate}，版本 r${manifest.revision}，状态 ${STATUS_ZH[manifest.status]}。`,
    '',
    '附件:',
    ...manifest.outputs.map((o) => `  ${path.basename(o.file)}  sha256 ${o.sha256}`),
  ];
  if (linked?.zipName) {
    lines.push(`  ${linked.zipName}  报表连同截图证据 ${linked.files} 个文件：解压后从解压出的文件夹打开 Excel，“查看截图”链接即可打开。`);
  } else if (linked) {
    lines.push('', `截图证据 ${linked.files} 个文件（${mb(linked.bytes)}）超过邮件附件上限，未随邮件发送。`,
      `请从投递文件夹打开 Excel，“查看截图”链接在那里可用: ${outbox ?? '(outbox)'}`);
  }
  if (manifest.errors.length) {
    lines.push('', '问题:', ...manifest.errors.map((e) => `  ${e.source ? `${e.source}: ` : ''}${e.message}`));
  }
  lines.push('', `运行编号 ${manifest.runId}`);
  return { subject, text: lines.join('\n') };
}
