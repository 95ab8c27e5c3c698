import { describe, expect, it } from 'vitest';
import { COMPLAINT_LIST_GRID, parseComplaintDetail } from '../../../bots/complaints/parse';
import { headerFields } from '../../../bots/sdk';
import { complaintsOf } from '../../../fixtures/generator/complaints';
import { buildWorld } from '../../../fixtures/generator/world';
import { COMPLAINT_COLUMNS, DETAIL_FIELDS } from '../../../fixtures/portals/complaints/server';

const world = buildWorld(9, 'small');
const date = '2025-03-03';

describe('complaints parsing', () => {
  const complaints = [...complaintsOf(world, date)];
  it('reads the detail rows (any order, "—" = none yet) back into the complaint', () => {
    for (const c of complaints) {
      const rows = DETAIL_FIELDS.map(([label, value]) => [label, value(c)] as [string, string]);
      expect(parseComplaintDetail(rows.reverse())).toEqual(c);
    }
    expect(complaints.some((c) => c.firstContactAt === null || c.supervisorAt === null)).toBe(true);
  });
  it('says which labels a detail page lacks, and refuses an unknown level', () => {
    const c = complaints[0]!;
    const rows = DETAIL_FIELDS.map(([label, value]) => [label, value(c)] as [string, string]);
    expect(() => parseComplaintDetail(rows.filter(([l]) => l !== '办结时间'))).toThrow('detail page lacks 办结时间');
    expect(() => parseComplaintDetail(rows.map(([l, v]) => [l, l === '投诉等级' ? '特级' : v]))).toThrow('投诉等级: unknown level "特级"');
  });
  it('finds the id column wherever the list puts it', () => {
    const idColumn = (headers: string[]) => headerFields(COMPLAINT_LIST_GRID, headers).indexOf('id');
    expect(idColumn(COMPLAINT_COLUMNS.map((c) => c.label))).toBe(0);
    expect(idColumn([...COMPLAINT_COLUMNS].reverse().map((c) => c.label))).toBe(COMPLAINT_COLUMNS.length - 1);
    expect(() => idColumn(['编号'])).toThrow(/missing column "投诉编号"/);
  });
});
