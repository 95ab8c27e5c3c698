import type { AddWorksheetOptions } from 'exceljs';

/**
 * Summed column widths (characters) that still print at a readable size across A4 portrait; a
 * wider sheet prints landscape. Either way the sheet is scaled to the page's width, never split
 * into vertical strips (53 pages for a daily report before this).
 */
const PORTRAIT_MAX_CHARS = 100;

/** '&' starts a code in Excel's header/footer language; a literal one is written '&&'. */
function footerText(text: string): string {
  return text.replace(/&/g, '&&');
}

export interface PrintOptions {
  /** Sum of the widths of the columns in use, in characters. */
  widthChars: number;
  /** Rows repeated at the top of every printed page, e.g. '1:1' for a table's header row. */
  titleRows?: string;
  /** Left of the footer, e.g. '内部资料 注意保密'. */
  footerLeft?: string;
  /** Page numbers with {x} (this page) and {y} (pages), e.g. '第 {x} 页 / 共 {y} 页'. */
  pageLabel?: string;
}

/**
 * Worksheet options for printing: A4, fit to the page's width and as many pages down as the rows
 * need, header rows repeated, page numbers in the footer. Excel and LibreOffice both honour them.
 *
 * @example workbook.addWorksheet(name, { views, ...printSetup({ widthChars: 120, titleRows: '1:1' }) })
 */
export function printSetup(options: PrintOptions): Partial<Pick<AddWorksheetOptions, 'pageSetup' | 'headerFooter'>> {
  const footer = [
    options.footerLeft === undefined ? '' : `&L${footerText(options.footerLeft)}`,
    options.pageLabel === undefined ? '' : `&C${footerText(options.pageLabel).replace('{x}', '&P').replace('{y}', '&N')}`,
    '&R&A', // the sheet's name: a loose printed page says where it belongs
  ].join('');
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: options.widthChars > PORTRAIT_MAX_CHARS ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as needed
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(options.titleRows === undefined ? {} : { printTitlesRow: options.titleRows }),
    },
    headerFooter: { oddFooter: footer, evenFooter: footer },
  };
}

const WIDE = /[\u2E80-\uFFEF]/u;

/**
 * Lines a text needs when wrapped in a column of `width` characters, filled the way Excel and
 * LibreOffice wrap: at spaces and between CJK characters (which count two), never inside a run of
 * Latin letters and digits (an id). Neither program grows a written row to fit wrapped text when
 * the file is opened, so the writer sets the height from this: otherwise lines print over the next row.
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let used = 0;
    for (const token of paragraph.match(/[\u2E80-\uFFEF]|[^\s\u2E80-\uFFEF]+|\s+/gu) ?? []) {
      if (/^\s+$/u.test(token)) {
        if (used > 0) used += 1; // a space: where a line may break
        continue;
      }
      const size = WIDE.test(token) ? 2 : token.length;
      if (used > 0 && used + size > room) {
        lines++;
        used = 0;
      }
      used += size;
    }
  }
  return lines;
}

/** Row height (points) for `lines` lines of the 10-point body font. */
export function rowHeight(lines: number): number {
  return 4 + 13 * Math.max(1, lines);
}
