import { z } from 'zod';
import { LocalDateTime } from './common';

/** One device inspection (设备巡检) on the data date. */
export const DeviceInspectionRecord = z.object({
  deviceId: z.string().min(1),
  type: z.enum(['叫号机', 'ATM', '点钞机', '智能柜台']),
  branchId: z.string().min(1),
  time: LocalDateTime,
  state: z.enum(['正常', '故障']),
  /** Card reader check; null for devices without one. */
  cardReaderOk: z.boolean().nullable(),
  /** Printer paper level 0..100; null for devices without a printer. */
  printerPaperPct: z.number().min(0).max(100).nullable(),
  /**
   * What the inspector wrote for a fault (故障描述); null when the device is fine. Absent in records
   * extracted before the bot read this column (devices.inspections < 1.1.0), so older runs still read.
   */
  faultReason: z.string().min(1).nullable().optional(),
});
export type DeviceInspectionRecord = z.infer<typeof DeviceInspectionRecord>;
