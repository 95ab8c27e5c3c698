// Colours of the ops manager's PDF: the workbook's navy header, and per severity a strong colour
// (rules, borders), a light fill and the ink that reads on that fill.

import type { Severity } from './view-model';
import { TABLE_THEME } from './theme';

export const PDF_THEME = {
  brand: TABLE_THEME.headerFill,
  header: TABLE_THEME.headerFill,
  muted: '#6B7785',
  rule: '#D8DDE3',
} as const;

export const PDF_SEVERITY: Record<Severity, { strong: string; fill: string; ink: string }> = {
  critical: { strong: '#C62828', fill: '#FDECEA', ink: '#B71C1C' },
  high: { strong: '#EF6C00', fill: '#FFF3E0', ink: '#BF4A00' },
  medium: { strong: '#F9A825', fill: '#FFF8E1', ink: '#7A5A00' },
  low: { strong: '#1565C0', fill: '#E3F2FD', ink: '#0D47A1' },
};

export function severityVars(severity: Severity): string {
  const c = PDF_SEVERITY[severity];
  return `--c:${c.strong};--f:${c.fill};--i:${c.ink}`;
}

export function rootVariables(): string {
  return `:root{--brand:${PDF_THEME.brand};--header:${PDF_THEME.header};--muted:${PDF_THEME.muted};--rule:${PDF_THEME.rule};--critical:${PDF_SEVERITY.critical.strong};--high:${PDF_SEVERITY.high.strong};--high-ink-strong:${PDF_SEVERITY.high.ink};}`;
}
