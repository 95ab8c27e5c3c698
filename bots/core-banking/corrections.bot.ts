import { CorrectionRecord } from '../records';
import { defineCoreListBot } from './list-bot';
import { CORRECTION_TABLE } from './parse';

/** 差错登记 (error corrections) booked on the data date: the 差错登记查询 grid over the one-day range D..D. */
export default defineCoreListBot({
  id: 'core-banking.corrections',
  title: '差错登记',
  version: '1.1.0',
  record: CorrectionRecord,
  menu: '差错登记查询',
  columns: CORRECTION_TABLE,
  tableId: 'corr-table',
  query: (date) => ({ from: date, to: date }),
});
