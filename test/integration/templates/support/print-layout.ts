// Where a report's HTML lands on the printed page, measured in the browser that prints it.
import type { Browser } from 'playwright-core';

/** Width of the printed area of A4 with printHtml's 12 mm side margins, in CSS pixels (702.99). */
const PRINTABLE_PX = ((210 - 2 * 12) / 25.4) * 96;

/**
 * The elements matching `selector` whose right edge reaches the last pixel of the printed area or
 * beyond. Chromium clips the page at that edge rounded to whole pixels, so a border drawn there
 * (the fifth card's, the 低 band's) printed half cut off or not at all.
 */
export async function atRightEdge(browser: Browser, html: string, selector: string): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: Math.floor(PRINTABLE_PX), height: 1100 } });
  try {
    await page.emulateMedia({ media: 'print' });
    await page.setContent(html, { waitUntil: 'load' });
    return await page.evaluate((sel) => {
      const limit = document.documentElement.clientWidth - 1;
      const out: string[] = [];
      for (const e of document.querySelectorAll(sel)) {
        const right = e.getBoundingClientRect().right;
        if (right > limit) out.push(`${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 20)}" ends at ${right.toFixed(1)}px of ${limit + 1}`);
      }
      return out;
    }, selector);
  } finally {
    await page.close();
  }
}
