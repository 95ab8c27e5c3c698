import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { safeName, scrubText, type BotContext } from '../../sdk';

/**
 * A full-page screenshot with `mask` painted over (Playwright's own masking, done by the browser
 * before the pixels are taken), into the bot's evidence folder. Returns the path relative to the
 * run folder. Personal data never reaches the file, so the PNG can be shown to any reviewer.
 */
export async function maskedScreenshot(ctx: BotContext, page: Page, name: string, mask: Locator[]): Promise<string> {
  await mkdir(ctx.evidence.dir, { recursive: true, mode: 0o700 });
  const file = path.join(ctx.evidence.dir, `${safeName(name)}.png`);
  await page.screenshot({ path: file, fullPage: true, mask, maskColor: '#555' });
  return ctx.evidence.relative(file);
}

/**
 * Evidence of an answer the bot could not use: the masked screenshot and the page's HTML, for the
 * admin who reads why it stopped. The HTML loses its CSRF tokens (scrubText finds them by field
 * name); no password is ever on a content page, and the file is private (0600) like all evidence.
 */
export async function keepAnswer(ctx: BotContext, page: Page, name: string, mask: Locator[]): Promise<string[]> {
  const files = [await maskedScreenshot(ctx, page, name, mask)];
  const html = await page.content().catch(() => undefined);
  if (html !== undefined) {
    const file = path.join(ctx.evidence.dir, `${safeName(name)}.html`);
    await writeFile(file, scrubText(html, []), { mode: 0o600 });
    files.push(ctx.evidence.relative(file));
  }
  return files;
}
