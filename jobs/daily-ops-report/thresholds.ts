// The thresholds that decide a figure's status (正常 / 关注 / 预警), as ops write them in
// thresholds.json: checked whole when read, so that a typo fails the build naming the file and
// the figure, not halfway through the report.

import { z } from 'zod';
import { FIGURE_KEYS, type FigureKey } from './figures';
import { parseCondition, type FigureThresholds } from './status';

export type Thresholds = Partial<Record<FigureKey, FigureThresholds>>;

const ThresholdsSchema = z.record(z.string(), z.object({ amber: z.string().optional(), red: z.string().optional() }).strict());

/**
 * The thresholds from the parsed JSON of `file` (named in every error): each key a figure of the
 * spec, each condition one `parseCondition` reads. `_comment` is the note for ops, not a figure.
 *
 * @example thresholdsOf({ 'errors.rate': { red: '> 0.005' } }, 'thresholds.json')
 */
export function thresholdsOf(raw: unknown, file: string): Thresholds {
  const input = raw !== null && typeof raw === 'object' ? { ...(raw as Record<string, unknown>) } : raw;
  if (input !== null && typeof input === 'object') delete (input as Record<string, unknown>)['_comment'];
  const parsed = ThresholdsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  for (const [key, t] of Object.entries(parsed.data)) {
    if (!(FIGURE_KEYS as string[]).includes(key)) throw new Error(`${file}: unknown figure "${key}"`);
    if (t.red !== undefined) parseCondition(t.red, `${file}: ${key}.red`);
    if (t.amber !== undefined) parseCondition(t.amber, `${file}: ${key}.amber`);
  }
  return parsed.data as Thresholds;
}
