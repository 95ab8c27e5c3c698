import { describe, expect, it } from 'vitest';
import { ALERT_GRID, previousDay } from '../../../bots/aml/parse';
import { headerFields, parseRow } from '../../../bots/sdk';
import { alertsView } from '../../../fixtures/generator/aml-alerts';
import { buildWorld } from '../../../fixtures/generator/world';
import { ALERT_COLUMNS } from '../../../fixtures/portals/aml/server';

const world = buildWorld(9, 'small');
const date = '2025-03-03';

describe('AML parsing', () => {
  const alerts = [...alertsView(world, { asOf: date, to: '2025-03-02', state: '待处理' }), ...alertsView(world, { asOf: date, from: date, to: date })];
  it('reads rows (empty 处理时间 = not handled) in any column order', () => {
    const columns = [...ALERT_COLUMNS].reverse();
    const fields = headerFields(ALERT_GRID, columns.map((c) => c.label));
    expect(alerts.map((a, i) => parseRow(ALERT_GRID, columns.map((c) => c.text(a)), fields, i + 1))).toEqual(alerts);
    expect(alerts.some((a) => a.handledAt === null) && alerts.some((a) => a.handledAt !== null)).toBe(true);
  });
  it('refuses an unknown state, naming the row', () => {
    const fields = headerFields(ALERT_GRID, ALERT_COLUMNS.map((c) => c.label));
    const cells = ALERT_COLUMNS.map((c) => c.text(alerts[0]!));
    cells[5] = '已关闭';
    expect(() => parseRow(ALERT_GRID, cells, fields, 3)).toThrow('row 3, column state: unknown state "已关闭"');
  });
  it('finds the previous calendar day across month and year ends', () => {
    expect(previousDay('2025-03-01')).toBe('2025-02-28');
    expect(previousDay('2024-03-01')).toBe('2024-02-29');
    expect(previousDay('2025-01-01')).toBe('2024-12-31');
    expect(() => previousDay('2025/01/01')).toThrow(/not a date/);
  });
});
