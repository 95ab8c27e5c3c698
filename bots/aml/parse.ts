import type { AmlAlertRecord } from '../records';

type Field = keyof AmlAlertRecord;

const FIELD_BY_HEADER: Record<string, Field> = {
  预警编号: 'id', 生成时间: 'createdAt', 预警规则: 'rule', 账号: 'accountNo', 所属网点: 'branchId', 处理状态: 'state', 处理时间: 'handledAt',
};
const STATES = new Set(['待处理', '已处理', '已上报']);

/** Header texts → fields in the page's column order; throws when a header is unknown or a field has no column. */
export function alertFields(headers: string[]): Field[] {
  const fields = headers.map((h) => {
    const f = FIELD_BY_HEADER[h.trim()];
    if (!f) throw new Error(`unknown column ${JSON.stringify(h.trim())}`);
    return f;
  });
  const missing = Object.values(FIELD_BY_HEADER).filter((f) => !fields.includes(f));
  if (missing.length) throw new Error(`no column for ${missing.join(', ')}`);
  return fields;
}

/** One table row → an alert; an empty 处理时间 means not handled yet. `row` (1-based) names the row in errors. */
export function parseAlertRow(cells: string[], fields: Field[], row: number): AmlAlertRecord {
  const out: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    const text = (cells[i] ?? '').trim();
    if (field === 'state' && !STATES.has(text)) throw new Error(`row ${row}, column ${field}: unknown state ${JSON.stringify(text)}`);
    out[field] = field === 'handledAt' && text === '' ? null : text;
  });
  return out as AmlAlertRecord;
}

export { parseStatedTotal } from '../sdk/stated-total';

/** The calendar day before `date` (YYYY-MM-DD): the backlog query ends there. */
export function previousDay(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a date: ${JSON.stringify(date)}`);
  return new Date(t - 86_400_000).toISOString().slice(0, 10);
}
