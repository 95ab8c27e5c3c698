import { FIELD_LABELS, SEVERITY_LABELS } from '../../../templates/web/review/labels';
import type { Severity } from '../../runtime/db';

/** A field's Chinese name; a field another job flags shows as its key rather than nothing. */
export const fieldLabel = (field: string): string => (FIELD_LABELS as Record<string, string>)[field] ?? field;
export const severityLabel = (s: Severity): string => SEVERITY_LABELS[s];
export const severityClass = (s: Severity): string => `sev-${s}`;
export const overdueText = (overdue: boolean, days: number): string | undefined =>
  overdue ? (days > 0 ? `逾期 ${days} 个工作日` : '已逾期') : undefined;
