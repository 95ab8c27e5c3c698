import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { fill } from '../format/fill';
import { extractTtcFace } from './ttc-face';

export const WQY_MICROHEI_TTC = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

let cachedFace: Uint8Array | null = null;
function wqyFace(): Uint8Array {
  cachedFace ??= extractTtcFace(WQY_MICROHEI_TTC, 0);
  return cachedFace;
}

export interface PdfAttachment {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  description?: string;
}

export interface FinishOptions {
  title: string;
  subject: string;
  author: string;
  keywords?: string[];
  /** e.g. '第 {x} 页 / 共 {y} 页' */
  pageLabel: string;
  /** Small text at the bottom left of every page (e.g. 内部资料). */
  footerLeft?: string;
  created: Date;
  attachments?: PdfAttachment[];
  /** Colour of the footer text, '#RRGGBB'. */
  ink?: string;
}

function hexToRgb(hex: string): ReturnType<typeof rgb> {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/**
 * Finishes a Chromium-printed PDF: metadata, "第 x 页 / 共 y 页" on every page (drawn here because
 * only now is the page count known), and attachments (the Excel and kpis.json travel with it).
 * The page numbers use a subset of WenQuanYi Micro Hei so pdftotext reads them as Chinese.
 */
export async function finishPdf(printed: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.load(printed, { updateMetadata: false });
  doc.registerFontkit(fontkit);
  const face: PDFFont = await doc.embedFont(wqyFace(), { subset: true });
  const ink = hexToRgb(options.ink ?? '#6B7785');
  const pages = doc.getPages();
  const size = 8;
  pages.forEach((page, i) => {
    const label = fill(options.pageLabel, { x: i + 1, y: pages.length });
    const width = face.widthOfTextAtSize(label, size);
    const { width: pageWidth } = page.getSize();
    page.drawText(label, { x: (pageWidth - width) / 2, y: 22, size, font: face, color: ink });
    if (options.footerLeft !== undefined) {
      page.drawText(options.footerLeft, { x: 34, y: 22, size, font: face, color: ink });
    }
  });
  doc.setTitle(options.title, { showInWindowTitleBar: true });
  doc.setSubject(options.subject);
  doc.setAuthor(options.author);
  doc.setCreator('opsbot');
  doc.setProducer('opsbot (Chromium + pdf-lib)');
  if (options.keywords !== undefined) doc.setKeywords(options.keywords);
  doc.setCreationDate(options.created);
  doc.setModificationDate(options.created);
  doc.setLanguage('zh-CN');
  for (const a of options.attachments ?? []) {
    await doc.attach(a.bytes, a.name, {
      mimeType: a.mimeType,
      description: a.description,
      creationDate: options.created,
      modificationDate: options.created,
    });
  }
  return doc.save();
}
