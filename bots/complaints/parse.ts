import type { ComplaintRecord } from '../records';
import type { GridColumns } from '../sdk';

const LEVELS: Record<string, 1 | 2 | 3> = { 一级: 1, 二级: 2, 三级: 3 };
/** Shown for a time not reached yet (no first contact, not closed, ...). */
const NOT_YET = '—';

const FIELD_BY_LABEL: Record<string, keyof ComplaintRecord> = {
  投诉编号: 'id', 受理网点: 'branchId', 投诉等级: 'level', 客户姓名: 'customerName', 联系电话: 'customerPhone',
  投诉内容: 'summary', 受理时间: 'receivedAt', 首次联系时间: 'firstContactAt', 主管介入时间: 'supervisorAt', 办结时间: 'closedAt',
};
const NULLABLE = new Set<keyof ComplaintRecord>(['customerPhone', 'firstContactAt', 'supervisorAt', 'closedAt']);

/** The list gives only the ids (the times are on the detail pages): its other columns are left alone. */
export const COMPLAINT_LIST_GRID: GridColumns<Pick<ComplaintRecord, 'id'>> = {
  name: '投诉工单',
  headers: { 投诉编号: 'id' },
  otherColumns: 'ignore',
};

/**
 * The detail page's label/value rows → a complaint. Rows may come in any order; every field must
 * be there and the level must be one the bot knows, else the page changed (an Error naming it).
 */
export function parseComplaintDetail(rows: [string, string][]): ComplaintRecord {
  const out: Record<string, unknown> = {};
  for (const [label, value] of rows) {
    const field = FIELD_BY_LABEL[label.trim()];
    if (!field) continue;
    const text = value.trim();
    if (field === 'level') {
      const level = LEVELS[text];
      if (!level) throw new Error(`投诉等级: unknown level ${JSON.stringify(text)}`);
      out.level = level;
    } else out[field] = NULLABLE.has(field) && text === NOT_YET ? null : text;
  }
  const missing = Object.entries(FIELD_BY_LABEL).filter(([, f]) => !(f in out)).map(([label]) => label);
  if (missing.length) throw new Error(`detail page lacks ${missing.join(', ')}`);
  return out as ComplaintRecord;
}
