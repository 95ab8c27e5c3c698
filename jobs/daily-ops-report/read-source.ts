import type { z } from 'zod';
import type { SourceId } from './figures';
import { isMissingInput, recordsOf, type MissingSource, type SourceInput } from './source-input';

/** A row the contract rejected, named by row (1-based) and field. */
export interface RejectedRow {
  source: SourceId;
  row: number;
  field: string;
  message: string;
}

const MAX_REJECTED_KEPT = 20;

export interface ReadOutcome {
  missing: MissingSource | null;
  rejected: RejectedRow[];
  rows: number;
}

/**
 * Streams one source into `feed`, validating every record against its schema. The data-quality
 * gate lives here: a rejected row, a duplicate id or a row count other than the portal showed
 * makes the whole source "missing" (its figures would be wrong, and a wrong figure that looks
 * right is worse than a gap). Every rejected row is still read and reported, so one bad row never
 * hides the others.
 */
export async function readSource<S extends z.ZodType>(
  source: SourceId,
  input: SourceInput | undefined,
  schema: S,
  idOf: ((record: z.infer<S>) => string) | null,
  feed: (record: z.infer<S>) => void,
): Promise<ReadOutcome> {
  if (input === undefined) return { missing: { source, reason: '未提供数据' }, rejected: [], rows: 0 };
  if (isMissingInput(input)) return { missing: { source, reason: input.missing }, rejected: [], rows: 0 };
  const { records, expectedCount } = recordsOf(input);
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  const ids = idOf === null ? null : new Set<string>();
  const duplicates: string[] = [];
  let rows = 0;
  try {
    for await (const raw of records) {
      rows++;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        rejectedCount++;
        if (rejected.length < MAX_REJECTED_KEPT) {
          const issue = parsed.error.issues[0];
          rejected.push({
            source,
            row: rows,
            field: issue?.path.join('.') || '(record)',
            message: issue?.message ?? 'invalid',
          });
        }
        continue;
      }
      const record = parsed.data as z.infer<S>;
      if (ids !== null && idOf !== null) {
        const id = idOf(record);
        if (ids.has(id)) {
          if (duplicates.length < 5) duplicates.push(id);
          continue;
        }
        ids.add(id);
      }
      feed(record);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { missing: { source, reason: `读取第 ${rows + 1} 行时出错: ${message}` }, rejected, rows };
  }
  return { missing: gateVerdict(source, rows, rejectedCount, rejected, duplicates, expectedCount), rejected, rows };
}

function gateVerdict(
  source: SourceId,
  rows: number,
  rejectedCount: number,
  rejected: RejectedRow[],
  duplicates: string[],
  expectedCount: number | undefined,
): MissingSource | null {
  if (rejectedCount > 0) {
    const first = rejected[0];
    const where = first === undefined ? '' : ` (首个: 第 ${first.row} 行 ${first.field}: ${first.message})`;
    return { source, reason: `${rejectedCount} 行数据不符合格式${where}` };
  }
  if (duplicates.length > 0) return { source, reason: `存在重复编号: ${duplicates.join(', ')}` };
  if (expectedCount !== undefined && rows !== expectedCount) {
    return { source, reason: `数据不完整: 提取 ${rows} 行, 系统显示 ${expectedCount} 行` };
  }
  return null;
}
