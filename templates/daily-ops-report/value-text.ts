// Values as the report's words: a figure in its format and locale, a cell of an exception list.

import { fill } from '../render/format/fill';
import { formatCount, formatDecimal, formatMoney, formatShare, splitDuration } from '../render/format/numbers';
import type { ColumnDef } from './exception-columns';
import { branchName, text, type ReportConfig } from './report-config';
import type { FigureFormat, FigureValue } from './view-model';

/** A figure as text in the report's locale ('数据缺失' when its source is missing). */
export function figureText(config: ReportConfig, format: FigureFormat, value: FigureValue, missing: boolean): string {
  if (missing) return text(config, 'report', 'missingValue');
  if (value === null) return text(config, 'report', 'notApplicable');
  switch (format) {
    case 'share':
      return formatShare(value);
    case 'seconds': {
      const d = splitDuration(value);
      return d.h > 0 ? fill(text(config, 'units', 'durationHours'), d) : fill(text(config, 'units', 'duration'), d);
    }
    case 'hour':
      return hourText(config, value);
    case 'decimal':
      return formatDecimal(value);
    default:
      return formatCount(value);
  }
}

/**
 * An hour of day as the hour it spans ('10:00–11:00'). A mean of several days' peak hours is not a
 * whole hour: it reads as the clock time it stands for (10.4 → '10:24'), never as '10.4:00'.
 */
function hourText(config: ReportConfig, hour: number): string {
  if (Number.isInteger(hour)) return fill(text(config, 'units', 'hourRange'), { h: hour, h1: hour + 1 });
  const minutes = Math.round(hour * 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A history value as text; '—' where the earlier run is missing or had no value. */
export function historyText(config: ReportConfig, format: FigureFormat, value: FigureValue): string {
  return value === null ? text(config, 'report', 'noHistory') : figureText(config, format, value, false);
}

/** A cell of an exception list as text (PDF); Excel writes typed values instead. */
export function cellText(config: ReportConfig, column: ColumnDef, value: unknown): string {
  if (value === null || value === undefined) {
    return column.field === 'measuredAt' ? text(config, 'values', 'none') : text(config, 'values', 'null');
  }
  switch (column.kind) {
    case 'money':
      return typeof value === 'number' ? formatMoney(value) : String(value);
    case 'decimal':
      return typeof value === 'number' ? formatDecimal(value) : String(value);
    case 'share':
      return typeof value === 'number' ? formatShare(value) : String(value);
    case 'percent100':
      return typeof value === 'number' ? `${value}%` : String(value);
    case 'enum':
    case 'bool':
      return text(config, 'values', String(value));
    case 'enumList':
      return Array.isArray(value) ? value.map((v) => text(config, 'values', String(v))).join('、') : String(value);
    case 'list':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'branch':
      return branchName(config, String(value));
    default:
      return String(value);
  }
}
