import type { AmlAlertRecord } from '../records';
import type { GridColumns } from '../sdk';

const STATES = new Set(['待处理', '已处理', '已上报']);

/** The alert list's columns (any order): an empty 处理时间 means not handled yet. */
export const ALERT_GRID: GridColumns<AmlAlertRecord> = {
  name: '反洗钱预警',
  headers: { 预警编号: 'id', 生成时间: 'createdAt', 预警规则: 'rule', 账号: 'accountNo', 所属网点: 'branchId', 处理状态: 'state', 处理时间: 'handledAt' },
  convert: {
    state: (text) => {
      if (!STATES.has(text)) throw new Error(`unknown state ${JSON.stringify(text)}`);
      return text;
    },
    handledAt: (text) => (text === '' ? null : text),
  },
};

/** The calendar day before `date` (YYYY-MM-DD): the backlog query ends there. */
export function previousDay(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a date: ${JSON.stringify(date)}`);
  return new Date(t - 86_400_000).toISOString().slice(0, 10);
}
