import { z } from 'zod';
import { IsoDate, CustomerRecord } from '../records';
import { defineBot } from '../sdk';
import { NavigateOnly, PageSize } from './page-size';
import { CUSTOMER_TABLE } from './parse';
import { ListPage } from './pages/list.page';
import { coreBankingPortal } from './portal';
import { menuLink, readPagedTable } from './read-table';

/** 客户信息查询: the customers touched on the data date with their id number, id expiry and phone, for the customer-information check. */
export default defineBot({
  id: 'core-banking.customers',
  title: '当日交易客户信息',
  version: '1.1.0',
  portal: coreBankingPortal,
  input: z.object({ date: IsoDate, pageSize: PageSize, navigate: NavigateOnly }),
  record: CustomerRecord,
  async *run(ctx, { date, pageSize, navigate }) {
    const path = await menuLink(ctx, '客户信息查询');
    yield* readPagedTable(ctx, { schema: CUSTOMER_TABLE, tableId: 'cust-table', pageSize, navigateOnly: navigate, url: (page, size) => ListPage.url(path, { date, page, size }) });
  },
});
