import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { linkedFiles } from './linked-files';

/**
 * The linked files go by e-mail only up to this size (sum of the files): the registry screenshots
 * are ~70 KB each, so a small review fits, while the 10,000-account review's ~4,000 screenshots
 * (~300 MB) would make every mail server refuse the message, and the report with it.
 */
export const MAIL_LINKED_FILES_LIMIT = 15 * 1024 * 1024;

export interface MailAttachment {
  filename: string;
  path?: string;
  content?: Buffer;
}

export interface ReportAttachments {
  attachments: MailAttachment[];
  /** What the mail says about the linked files (evidence): in the zip, or too large to send. */
  note?: { files: number; bytes: number; zipName?: string };
}

/**
 * The attachments of a report e-mail: each output, and — when the outputs link to files (the
 * review's screenshots) — one zip that holds the outputs and those files at their relative paths,
 * so that the Excel opened from the unpacked zip finds every link. Above MAIL_LINKED_FILES_LIMIT
 * no zip is attached; the mail then says where the delivered copy is (the outbox).
 */
export async function reportAttachments(runDir: string, outputs: string[], zipBase: string): Promise<ReportAttachments> {
  const attachments: MailAttachment[] = outputs.map((o) => ({ filename: path.basename(o), path: path.join(runDir, o) }));
  const { files } = await linkedFiles(runDir, outputs);
  if (!files.length) return { attachments };
  let bytes = 0;
  for (const f of files) bytes += (await stat(path.join(runDir, f))).size;
  if (bytes > MAIL_LINKED_FILES_LIMIT) return { attachments, note: { files: files.length, bytes } };
  const zip = new JSZip();
  const folder = zip.folder(zipBase)!;
  for (const f of [...outputs, ...files]) folder.file(f.split(path.sep).join('/'), await readFile(path.join(runDir, f)));
  // PNG and xlsx are compressed already: store them, which costs no CPU and hardly any size.
  const zipName = `${zipBase}.zip`;
  attachments.push({ filename: zipName, content: await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }) });
  return { attachments, note: { files: files.length, bytes, zipName } };
}
