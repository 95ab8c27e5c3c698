import type { Browser } from 'playwright-core';

export interface PrintOptions {
  /** Space kept free at the bottom of every page for the page numbers pdf-lib draws later. */
  marginMm?: { top: number; right: number; bottom: number; left: number };
}

/**
 * Prints an HTML document to PDF bytes with the caller's browser (one per worker, injected so
 * tests and workers decide its lifetime). The page gets no network: everything the report needs
 * (CSS, SVG charts) is inline, and a scraped string can never make it fetch anything.
 */
export async function printHtml(browser: Browser, html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const m = options.marginMm ?? { top: 14, right: 12, bottom: 16, left: 12 };
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready).catch(() => undefined);
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      margin: { top: `${m.top}mm`, right: `${m.right}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm` },
    });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
  }
}
