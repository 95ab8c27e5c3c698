import type { CorrectionRecord } from '../../../bots/records';
import { datePart } from '../local-time';
import type { FigureValues, Fold } from './fold';

export class CorrectionsFold implements Fold<CorrectionRecord> {
  outsideDate = 0;
  count = 0;

  constructor(private readonly date: string) {}

  add(c: CorrectionRecord): void {
    if (datePart(c.time) !== this.date) {
      this.outsideDate++;
      return;
    }
    this.count++;
  }

  figures(): FigureValues {
    return { 'errors.corrections': this.count };
  }
}
