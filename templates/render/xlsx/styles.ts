import type { Fill, Font, Border } from 'exceljs';

/** '#C62828' → exceljs ARGB 'FFC62828'. */
export function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

export function solidFill(hex: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } };
}

/** The font every sheet uses; Excel on a Chinese Windows maps it, LibreOffice finds WenQuanYi. */
export function font(overrides: Partial<Font> = {}): Partial<Font> {
  return { name: 'Microsoft YaHei', size: 10, ...overrides };
}

export function thinBorder(hex: string): Partial<Border> {
  return { style: 'thin', color: { argb: argb(hex) } };
}

/** A valid worksheet name: ≤ 31 characters, none of []:*?/\ . */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}
