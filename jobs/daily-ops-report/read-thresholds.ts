import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../templates/template-folder';
import { thresholdsOf, type Thresholds } from './thresholds';

/**
 * The thresholds file ops edit, in the checkout (found from the package root, as the template
 * files are, so that the compiled build reads the file where ops edit it, without a rebuild).
 */
export const THRESHOLDS_FILE = path.join(PACKAGE_ROOT, 'jobs', 'daily-ops-report', 'thresholds.json');

/** Reads and checks thresholds.json, failing with the file and the field named. */
export function readThresholds(file: string = THRESHOLDS_FILE): Thresholds {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not readable JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return thresholdsOf(raw, file);
}
