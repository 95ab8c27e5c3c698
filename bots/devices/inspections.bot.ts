import { z } from 'zod';
import { DeviceInspectionRecord, IsoDate } from '../records';
import { defineBot, LayoutError } from '../sdk';
import { inspectionFields, parseInspectionRow } from './parse';
import { InspectionsPage } from './pages/inspections.page';
import { devicesPortal } from './portal';

/** 设备巡检记录: every inspection of the data date, page by page, checked against "共 N 条". */
export default defineBot({
  id: 'devices.inspections',
  title: '设备巡检记录',
  version: '1.1.0',
  portal: devicesPortal,
  /** pageSize: one of the portal's choices; the largest by default (fewest round trips). */
  input: z.object({ date: IsoDate, pageSize: z.union([z.literal(10), z.literal(20), z.literal(50), z.literal(100)]).default(100) }),
  record: DeviceInspectionRecord,
  async *run(ctx, { date, pageSize }) {
    let pages = 1;
    let done = 0;
    for (let pageNo = 1; pageNo <= pages; pageNo++) {
      const { records, total } = await ctx.step(`page ${pageNo}`, async (page) => {
        await ctx.goto(page, InspectionsPage.url(date, pageNo, pageSize));
        const list = new InspectionsPage(page);
        const total = await list.statedTotal();
        if (total === 0) return { total, records: [] };
        const [headers, rows] = [await list.headers(), await list.rows()];
        try {
          const fields = inspectionFields(headers);
          return { total, records: rows.map((cells, i) => parseInspectionRow(cells, fields, (pageNo - 1) * pageSize + i + 1)) };
        } catch (err) {
          throw new LayoutError('table#inspection-table', page.url(), (err as Error).message);
        }
      });
      if (pageNo === 1) {
        ctx.expectTotal(total);
        pages = Math.ceil(total / pageSize);
      }
      yield* records;
      done += records.length;
      ctx.progress(done, total);
    }
  },
});
