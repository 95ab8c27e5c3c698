import path from 'node:path';
import type { RunManifest } from '../run-store';
import type { Alert } from './alert';

/**
 * The alert a finished run calls for: none when ok; failed and partial runs name what went wrong
 * and where the evidence is (absolute paths, so an admin can open them from the message).
 */
export function runAlert(manifest: RunManifest, runDir: string): Alert | undefined {
  if (manifest.status === 'ok') return undefined;
  const evidence = manifest.errors.flatMap((e) => e.evidence).map((e) => (path.isAbsolute(e) ? e : path.join(runDir, e)));
  const what = manifest.status === 'failed' ? '失败' : '部分完成（数据源缺失）';
  const lines = [
    `${manifest.job} 数据日期 ${manifest.dataDate} 版本 r${manifest.revision}: ${what}。`,
    ...manifest.errors.map((e) => `  - ${e.source ? `${e.source}: ` : ''}${e.message}`),
    ...(manifest.notLatest
      ? ['', `本版本不如已有的 ${manifest.notLatest.latest}（${manifest.notLatest.status}）: 该版本仍为此日期的最新版本，本版本未投递给收件人。`]
      : []),
    '',
    `运行目录: ${runDir}`,
    `查看: opsbot runs show ${manifest.runId}`,
    `重跑: opsbot run ${manifest.job} --date ${manifest.dataDate} --force`,
  ];
  return {
    key: `run-${manifest.status}--${manifest.runId}`,
    kind: manifest.status === 'failed' ? 'run-failed' : 'run-partial',
    subject: `${manifest.job} ${manifest.dataDate} r${manifest.revision} ${what}${manifest.notLatest ? '（未替换最新版本）' : ''}`,
    text: lines.join('\n'),
    runId: manifest.runId,
    evidence,
  };
}
