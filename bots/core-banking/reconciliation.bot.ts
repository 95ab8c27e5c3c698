import { z } from 'zod';
import { IsoDate, ReconciliationRecord } from '../records';
import { defineBot } from '../sdk';
import { NavigateOnly, PageSize } from './page-size';
import { RECONCILIATION_TABLE } from './parse';
import { ListPage } from './pages/list.page';
import { coreBankingPortal } from './portal';
import { menuLink, readPagedTable } from './read-table';

/** 对公对账统计: reconciliation statistics of every corporate account as of the data date (100,000 accounts on the large scale: 1,000 pages at the largest page size; the portal has no export for it). */
export default defineBot({
  id: 'core-banking.reconciliation',
  title: '对公账户对账统计',
  version: '1.1.0',
  portal: coreBankingPortal,
  input: z.object({ date: IsoDate, pageSize: PageSize, navigate: NavigateOnly }),
  record: ReconciliationRecord,
  async *run(ctx, { date, pageSize, navigate }) {
    const path = await menuLink(ctx, '对公对账统计');
    yield* readPagedTable(ctx, { schema: RECONCILIATION_TABLE, tableId: 'recon-table', pageSize, navigateOnly: navigate, url: (page, size) => ListPage.url(path, { date, page, size }) });
  },
});
