import type { DeviceInspectionRecord } from '../../../bots/records';
import { datePart } from '../local-time';
import type { FaultyDeviceRow } from '../exception-rows';
import { ratio, type FigureValues, type Fold } from './fold';

const LOW_PAPER_PCT = 20;

interface DeviceState {
  faulty: FaultyDeviceRow | null;
  lowPaper: boolean;
}

/**
 * Devices count once however often they were inspected on D; a device that was found 故障 in any
 * inspection of D is faulty on D (availability is about the day, not the last look).
 */
export class DeviceInspectionsFold implements Fold<DeviceInspectionRecord> {
  outsideDate = 0;
  private readonly devices = new Map<string, DeviceState>();

  constructor(private readonly date: string) {}

  add(d: DeviceInspectionRecord): void {
    if (datePart(d.time) !== this.date) {
      this.outsideDate++;
      return;
    }
    let state = this.devices.get(d.deviceId);
    if (state === undefined) {
      state = { faulty: null, lowPaper: false };
      this.devices.set(d.deviceId, state);
    }
    if (d.printerPaperPct !== null && d.printerPaperPct < LOW_PAPER_PCT) state.lowPaper = true;
    if (d.state === '故障' && state.faulty === null) {
      state.faulty = {
        deviceId: d.deviceId,
        type: d.type,
        branchId: d.branchId,
        time: d.time,
        cardReaderOk: d.cardReaderOk,
        printerPaperPct: d.printerPaperPct,
        faultReason: d.faultReason ?? null,
      };
    }
  }

  faultyRows(): FaultyDeviceRow[] {
    const rows: FaultyDeviceRow[] = [];
    for (const s of this.devices.values()) if (s.faulty !== null) rows.push(s.faulty);
    return rows.sort((a, b) => a.deviceId.localeCompare(b.deviceId));
  }

  figures(): FigureValues {
    const total = this.devices.size;
    let faulty = 0;
    let low = 0;
    for (const s of this.devices.values()) {
      if (s.faulty !== null) faulty++;
      if (s.lowPaper) low++;
    }
    const faultyShare = ratio(faulty, total);
    return {
      'devices.total': total,
      'devices.faulty': faulty,
      'devices.availability': faultyShare === null ? null : 1 - faultyShare,
      'devices.lowConsumables': low,
    };
  }
}
