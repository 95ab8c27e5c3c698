import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { scrubText } from './scrub';

/**
 * Evidence files of one bot run under `<runDir>/evidence/<botId>/`: what the bot saw, for the
 * admin who reads a failure, or the clerk who checks a flagged account.
 */
export class Evidence {
  /** `secrets` lists what must never be written (passwords, cookie values); HTML is scrubbed of them. */
  constructor(readonly dir: string, private readonly runDir: string, private readonly secrets: () => Promise<string[]> = async () => []) {}

  /** Saves a screenshot (and the HTML unless `htmlToo` is false); returns paths relative to the run folder. */
  async capture(page: Page, name: string, htmlToo = true): Promise<string[]> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const base = path.join(this.dir, safeName(name));
    const files: string[] = [];
    await page.screenshot({ path: `${base}.png`, fullPage: true }).then(() => files.push(`${base}.png`)).catch(() => undefined);
    if (htmlToo) {
      const html = await page.content().catch(() => undefined);
      if (html !== undefined) {
        await writeFile(`${base}.html`, scrubText(html, await this.secrets()), { mode: 0o600 });
        files.push(`${base}.html`);
      }
    }
    return files.map((f) => path.relative(this.runDir, f));
  }

  /** Where a trace of the failed step goes (the caller writes and scrubs it). */
  async tracePath(name: string): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    return path.join(this.dir, `${safeName(name)}.trace.zip`);
  }

  relative(file: string): string {
    return path.relative(this.runDir, file);
  }
}

/** A file name from page data: no separators, and no leading dot (so never `.` or `..`, which would leave the folder). */
export function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/u, '_').slice(0, 120);
}
