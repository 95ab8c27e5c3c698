import { describe, expect, it } from 'vitest';
import { INSPECTION_GRID } from '../../../bots/devices/parse';
import { headerFields, parseRow, parseStatedTotal } from '../../../bots/sdk';
import { deviceInspectionsOf } from '../../../fixtures/generator/device-inspections';
import { buildWorld } from '../../../fixtures/generator/world';
import { INSPECTION_COLUMNS } from '../../../fixtures/portals/devices/server';

const world = buildWorld(9, 'small');
const date = '2025-03-03';

describe('devices parsing', () => {
  const rows = [...deviceInspectionsOf(world, date)];
  it('reads rows in any column order back into the records the portal rendered', () => {
    for (const columns of [INSPECTION_COLUMNS, [...INSPECTION_COLUMNS].reverse()]) {
      const fields = headerFields(INSPECTION_GRID, columns.map((c) => ` ${c.label} `));
      expect(rows.map((r, i) => parseRow(INSPECTION_GRID, columns.map((c) => c.text(r)), fields, i + 1))).toEqual(rows);
    }
  });
  it('carries the fault text (故障描述) of a faulty device, and none for a working one', () => {
    const fields = headerFields(INSPECTION_GRID, INSPECTION_COLUMNS.map((c) => c.label));
    const parsed = rows.map((r, i) => parseRow(INSPECTION_GRID, INSPECTION_COLUMNS.map((c) => c.text(r)), fields, i + 1));
    expect(parsed.some((r) => r.state === '故障')).toBe(true);
    for (const r of parsed) expect(r.faultReason === null, `${r.deviceId} ${r.state} ${r.faultReason}`).toBe(r.state === '正常');
  });
  it('names the row and column of a value it does not know, and unknown or missing columns', () => {
    const fields = headerFields(INSPECTION_GRID, INSPECTION_COLUMNS.map((c) => c.label));
    const cells = INSPECTION_COLUMNS.map((c) => c.text(rows[1]!));
    cells[5] = '待检';
    expect(() => parseRow(INSPECTION_GRID, cells, fields, 7)).toThrow('row 7, column cardReaderOk: unexpected "待检"');
    expect(() => headerFields(INSPECTION_GRID, ['设备编号', '设备型号'])).toThrow('unknown column "设备型号"');
    expect(() => headerFields(INSPECTION_GRID, ['设备编号'])).toThrow(/missing column "设备类型"/);
  });
  it('reads "共 N 条" with thousands separators, and says when there is none', () => {
    expect(parseStatedTotal('共 1,234 条 第 1 / 13 页')).toBe(1234);
    expect(parseStatedTotal('第 1 页')).toBeUndefined();
  });
});
