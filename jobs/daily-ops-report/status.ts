import type { Figure } from './figures';

/** 正常 / 关注 / 预警, or no status when the figure is missing or has no threshold. */
export type Status = 'normal' | 'watch' | 'alert' | 'missing' | 'none';

/** A threshold as ops write it in thresholds.json: "> 0.005", ">= 1", "< 0.98". */
export type Condition = string;

export interface FigureThresholds {
  /** Amber (关注) when this holds. */
  amber?: Condition;
  /** Red (预警) when this holds; checked before amber. */
  red?: Condition;
}

const CONDITION = /^\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Parses a condition, naming the figure when it is malformed (ops edit these by hand). */
export function parseCondition(condition: Condition, where: string): (v: number) => boolean {
  const m = CONDITION.exec(condition);
  if (m === null) {
    throw new Error(`${where}: cannot read threshold "${condition}"; write e.g. "> 900" or "<= 0.95"`);
  }
  const limit = Number(m[2]);
  switch (m[1]) {
    case '>':
      return (v) => v > limit;
    case '>=':
      return (v) => v >= limit;
    case '<':
      return (v) => v < limit;
    default:
      return (v) => v <= limit;
  }
}

/** The status of one figure under its thresholds. */
export function statusOf(value: Figure, thresholds: FigureThresholds | undefined, where = 'thresholds'): Status {
  if (value === null) return 'missing';
  if (thresholds === undefined) return 'none';
  if (thresholds.red !== undefined && parseCondition(thresholds.red, `${where}.red`)(value)) return 'alert';
  if (thresholds.amber !== undefined && parseCondition(thresholds.amber, `${where}.amber`)(value)) return 'watch';
  return thresholds.red === undefined && thresholds.amber === undefined ? 'none' : 'normal';
}

/**
 * A figure's status in the report: 数据缺失 when its source is missing; no status when it has no
 * value on D without a source missing (e.g. a share of zero tickets) or has no threshold.
 */
export function figureStatus(value: Figure, missing: boolean, thresholds: FigureThresholds | undefined, where: string): Status {
  if (missing) return 'missing';
  const status = statusOf(value, thresholds, where);
  return status === 'missing' ? 'none' : status;
}
