import { DeviceInspectionRecord } from '../records';
import { DatedGridInput, defineBot, gridFetchOverHttp, readGrid } from '../sdk';
import { INSPECTION_GRID } from './parse';
import { InspectionsPage } from './pages/inspections.page';
import { devicesPortal } from './portal';

/** 设备巡检记录: every inspection of the data date, page by page, checked against "共 N 条". */
export default defineBot({
  id: 'devices.inspections',
  title: '设备巡检记录',
  version: '1.1.0',
  portal: devicesPortal,
  input: DatedGridInput,
  record: DeviceInspectionRecord,
  async *run(ctx, { date, pageSize }) {
    yield* readGrid(ctx, {
      columns: INSPECTION_GRID,
      pageSize,
      open: (page) => new InspectionsPage(page),
      url: (pageNo, size) => InspectionsPage.url(date, pageNo, size),
      // Pages after the first are read over HTTP with the session (navigated where that fails).
      fetch: gridFetchOverHttp(devicesPortal),
    });
  },
});
