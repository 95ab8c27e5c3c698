import type { DeviceInspectionRecord } from '../records';

type Field = keyof DeviceInspectionRecord;

const FIELD_BY_HEADER: Record<string, Field> = {
  设备编号: 'deviceId', 设备类型: 'type', 所属网点: 'branchId', 巡检时间: 'time', 设备状态: 'state', 读卡器: 'cardReaderOk', 打印纸余量: 'printerPaperPct',
  故障描述: 'faultReason',
};
const CARD_READER: Record<string, boolean | null> = { 正常: true, 异常: false, '—': null };

/**
 * Header texts → fields, in the page's column order (the portal may reorder columns). Throws when
 * a header is unknown or a field has no column: the layout changed.
 */
export function inspectionFields(headers: string[]): Field[] {
  const fields = headers.map((h) => {
    const f = FIELD_BY_HEADER[h.trim()];
    if (!f) throw new Error(`unknown column ${JSON.stringify(h.trim())}`);
    return f;
  });
  const missing = Object.values(FIELD_BY_HEADER).filter((f) => !fields.includes(f));
  if (missing.length) throw new Error(`no column for ${missing.join(', ')}`);
  return fields;
}

/** One table row (cell texts) → an inspection; `row` (1-based) names the row in errors. */
export function parseInspectionRow(cells: string[], fields: Field[], row: number): DeviceInspectionRecord {
  const out: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    const text = (cells[i] ?? '').trim();
    const bad = () => new Error(`row ${row}, column ${field}: unexpected ${JSON.stringify(text)}`);
    if (field === 'cardReaderOk') {
      if (!(text in CARD_READER)) throw bad();
      out[field] = CARD_READER[text];
    } else if (field === 'printerPaperPct') {
      const m = /^(\d{1,3})%$/.exec(text);
      if (text !== '—' && !m) throw bad();
      out[field] = m ? Number(m[1]) : null;
    } else if (field === 'faultReason') out[field] = text === '' || text === '—' ? null : text;
    else out[field] = text;
  });
  return out as DeviceInspectionRecord;
}

export { parseStatedTotal } from '../sdk/stated-total';
