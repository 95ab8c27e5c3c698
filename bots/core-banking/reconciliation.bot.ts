import { ReconciliationRecord } from '../records';
import { defineCoreListBot } from './list-bot';
import { RECONCILIATION_TABLE } from './parse';

/** 对公对账统计: reconciliation statistics of every corporate account as of the data date (100,000 accounts on the large scale: 1,000 pages at the largest page size; the portal has no export for it). */
export default defineCoreListBot({
  id: 'core-banking.reconciliation',
  title: '对公账户对账统计',
  version: '1.1.0',
  record: ReconciliationRecord,
  menu: '对公对账统计',
  columns: RECONCILIATION_TABLE,
  tableId: 'recon-table',
  query: (date) => ({ date }),
});
