import { mkdtempSync } from 'node:fs';
import { mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDelivered, linkedFiles, MAIL_LINKED_FILES_LIMIT, reportAttachments } from '../../../jobs/runtime/delivery';

// Which run files a report links to, and what happens to links that cannot resolve anywhere.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'opsbot-linked-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function runWithWorkbook(name: string, links: string[]): Promise<string> {
  const runDir = path.join(tmp, name);
  await mkdir(path.join(runDir, 'evidence', 'bot'), { recursive: true });
  await writeFile(path.join(runDir, 'evidence', 'bot', 'a.png'), 'png');
  await writeFile(path.join(tmp, 'secret.txt'), 'outside the run');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('明细');
  links.forEach((hyperlink, i) => (ws.getCell(`A${i + 1}`).value = { text: '查看截图', hyperlink }));
  await wb.xlsx.writeFile(path.join(runDir, 'report.xlsx'));
  return runDir;
}

describe('linkedFiles', () => {
  it('lists the run files the workbook links to, ignores web links, and names every link that cannot resolve', async () => {
    const runDir = await runWithWorkbook('mixed', [
      'evidence/bot/a.png', 'evidence/bot/a.png', 'https://bank.example/x', 'mailto:ops@bank.example',
      'evidence/bot/missing.png', '../secret.txt', '/etc/passwd',
    ]);
    const { files, broken } = await linkedFiles(runDir, ['report.xlsx']);
    expect(files).toEqual([path.join('evidence', 'bot', 'a.png')]);
    expect(broken).toEqual([
      { output: 'report.xlsx', target: 'evidence/bot/missing.png', reason: 'no such file in the run folder' },
      { output: 'report.xlsx', target: '../secret.txt', reason: 'outside the run folder' },
      { output: 'report.xlsx', target: '/etc/passwd', reason: 'absolute path: resolves only on the machine that wrote it' },
    ]);
  });

  it('copyDelivered copies the linked file at its relative path and never a file outside the run', async () => {
    const runDir = await runWithWorkbook('copy', ['evidence/bot/a.png', '../secret.txt']);
    const to = path.join(tmp, 'copy-out');
    const { copied } = await copyDelivered(runDir, ['report.xlsx'], to);
    expect(copied.map((c) => path.relative(to, c)).sort()).toEqual([path.join('evidence', 'bot', 'a.png'), 'report.xlsx']);
  });
});

describe('reportAttachments', () => {
  it('zips the report with its linked files; above the limit it attaches no zip and says how much was left out', async () => {
    const runDir = await runWithWorkbook('mail', ['evidence/bot/a.png']);
    const small = await reportAttachments(runDir, ['report.xlsx'], 'r-1');
    expect(small.attachments.map((a) => a.filename)).toEqual(['report.xlsx', 'r-1.zip']);
    expect(small.note).toMatchObject({ files: 1, zipName: 'r-1.zip' });

    // A sparse file: as large as the limit says without writing the bytes.
    await truncate(path.join(runDir, 'evidence', 'bot', 'a.png'), MAIL_LINKED_FILES_LIMIT + 1);
    const large = await reportAttachments(runDir, ['report.xlsx'], 'r-1');
    expect(large.attachments.map((a) => a.filename)).toEqual(['report.xlsx']);
    expect(large.note).toEqual({ files: 1, bytes: MAIL_LINKED_FILES_LIMIT + 1 });
  });
});
