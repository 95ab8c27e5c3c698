import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { launchBrowser } from '../../../bots/sdk';
import { pass, within, type CheckResult } from './check-result';

const run = promisify(execFile);

/** Chromium starts and renders a page: the bots and the PDF build both need it on every worker. */
export async function chromiumCheck(chromiumPath: string | undefined): Promise<CheckResult> {
  const started = Date.now();
  const browser = await within(30_000, 'Chromium', launchBrowser({ chromiumPath }));
  try {
    const page = await browser.newPage();
    await page.setContent('<p>开户 ok</p>');
    const text = await page.textContent('p');
    if (text !== '开户 ok') throw new Error(`Chromium rendered ${JSON.stringify(text)}`);
    return pass('chromium launches', `${browser.version()} in ${Date.now() - started} ms`);
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/**
 * A font with Chinese glyphs, as fontconfig finds it — the lookup Chromium itself uses for the
 * PDF reports, so FONTCONFIG_FILE (fontconfig's own setting) points both elsewhere. Without one the
 * PDFs print boxes (tofu) for every Chinese name.
 */
export async function cjkFontCheck(): Promise<CheckResult> {
  const { stdout } = await run('fc-list', [':lang=zh', 'family'], { timeout: 15_000 });
  const families = [...new Set(stdout.split('\n').map((l) => l.split(',')[0]!.trim()).filter(Boolean))].sort();
  if (families.length === 0) throw new Error('fontconfig finds no font with Chinese glyphs (fc-list :lang=zh is empty)');
  return pass('CJK font', families.slice(0, 3).join(', '));
}
