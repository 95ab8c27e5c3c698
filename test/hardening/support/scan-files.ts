import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

export function allEntries(dir: string): { path: string; isDir: boolean }[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    const isDir = statSync(p).isDirectory();
    return [{ path: p, isDir }, ...(isDir ? allEntries(p) : [])];
  });
}

export function allFiles(dir: string): string[] {
  return allEntries(dir).filter((e) => !e.isDir).map((e) => e.path);
}

/**
 * What a file says, in every form a secret could hide in it: its bytes as text; for a zip
 * (xlsx, Playwright trace) every entry; for a PDF the text pdftotext extracts (its streams are
 * compressed, so the bytes alone would prove nothing).
 */
export async function textsOf(file: string): Promise<string[]> {
  const buf = readFileSync(file);
  const out = [buf.toString('utf8')];
  if (buf.subarray(0, 2).toString('latin1') === 'PK') {
    const zip = await JSZip.loadAsync(buf);
    for (const e of Object.values(zip.files)) if (!e.dir) out.push((await e.async('nodebuffer')).toString('utf8'));
  }
  if (file.endsWith('.pdf')) out.push(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return out;
}

/** Each file under `dir` that contains one of `needles`, with the needle found. */
export async function filesContaining(dir: string, needles: string[]): Promise<{ file: string; needle: string }[]> {
  const found: { file: string; needle: string }[] = [];
  for (const file of allFiles(dir)) {
    const texts = await textsOf(file);
    for (const needle of needles) if (texts.some((t) => t.includes(needle))) found.push({ file: path.relative(dir, file), needle });
  }
  return found;
}
