import { CustomerRecord } from '../records';
import { defineCoreListBot } from './list-bot';
import { CUSTOMER_TABLE } from './parse';

/** 客户信息查询: the customers touched on the data date with their id number, id expiry and phone, for the customer-information check. */
export default defineCoreListBot({
  id: 'core-banking.customers',
  title: '当日交易客户信息',
  version: '1.1.0',
  record: CustomerRecord,
  menu: '客户信息查询',
  columns: CUSTOMER_TABLE,
  tableId: 'cust-table',
  query: (date) => ({ date }),
});
