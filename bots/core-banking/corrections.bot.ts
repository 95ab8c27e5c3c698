import { z } from 'zod';
import { IsoDate, CorrectionRecord } from '../records';
import { defineBot } from '../sdk';
import { NavigateOnly, PageSize } from './page-size';
import { CORRECTION_TABLE } from './parse';
import { ListPage } from './pages/list.page';
import { coreBankingPortal } from './portal';
import { menuLink, readPagedTable } from './read-table';

/** 差错登记 (error corrections) booked on the data date: the 差错登记查询 grid over the one-day range D..D. */
export default defineBot({
  id: 'core-banking.corrections',
  title: '差错登记',
  version: '1.1.0',
  portal: coreBankingPortal,
  input: z.object({ date: IsoDate, pageSize: PageSize, navigate: NavigateOnly }),
  record: CorrectionRecord,
  async *run(ctx, { date, pageSize, navigate }) {
    const path = await menuLink(ctx, '差错登记查询');
    yield* readPagedTable(ctx, { schema: CORRECTION_TABLE, tableId: 'corr-table', pageSize, navigateOnly: navigate, url: (page, size) => ListPage.url(path, { from: date, to: date, page, size }) });
  },
});
