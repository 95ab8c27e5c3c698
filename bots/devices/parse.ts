import type { DeviceInspectionRecord } from '../records';
import type { GridColumns } from '../sdk';

const CARD_READER: Record<string, boolean | null> = { 正常: true, 异常: false, '—': null };
const unexpected = (text: string) => new Error(`unexpected ${JSON.stringify(text)}`);

/** The inspection list's columns (the portal may reorder them): header text → field, cell text → value. */
export const INSPECTION_GRID: GridColumns<DeviceInspectionRecord> = {
  name: '设备巡检记录',
  headers: {
    设备编号: 'deviceId', 设备类型: 'type', 所属网点: 'branchId', 巡检时间: 'time', 设备状态: 'state', 读卡器: 'cardReaderOk', 打印纸余量: 'printerPaperPct',
    故障描述: 'faultReason',
  },
  convert: {
    cardReaderOk: (text) => {
      if (!(text in CARD_READER)) throw unexpected(text);
      return CARD_READER[text];
    },
    printerPaperPct: (text) => {
      const m = /^(\d{1,3})%$/.exec(text);
      if (text !== '—' && !m) throw unexpected(text);
      return m ? Number(m[1]) : null;
    },
    faultReason: (text) => (text === '' || text === '—' ? null : text),
  },
};
