/** Something an admin must look at. `key` makes it unique: the same alert is sent once. */
export interface Alert {
  key: string;
  kind: 'run-failed' | 'run-partial' | 'run-missed' | 'delivery-in-doubt' | 'job-unknown' | 'calendar-missing';
  subject: string;
  text: string;
  runId?: string;
  /** Screenshots / HTML / traces that show what went wrong (absolute paths). */
  evidence: string[];
}
