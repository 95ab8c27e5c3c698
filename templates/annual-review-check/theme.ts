// Colours of the annual-review-check workbook: severity colours a clerk reads at a glance.

import type { Severity } from './view-model';

export const SEVERITY_COLOURS: Record<Severity, { fill: string; ink: string }> = {
  critical: { fill: '#C62828', ink: '#FFFFFF' },
  high: { fill: '#F57C00', ink: '#FFFFFF' },
  medium: { fill: '#FFE082', ink: '#3E2723' },
  low: { fill: '#E3F2FD', ink: '#0D47A1' },
};

export const TABLE_THEME = { headerFill: '#1F3A5F', headerInk: '#FFFFFF', rule: '#9FB3C8' } as const;
