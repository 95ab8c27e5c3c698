// What each contender of the registry benchmark reports back to the parent.

import type { LookupSummary } from './lookup-set';

export type RegistryContenderId = 'opsbot' | 'crawlee-cheerio' | 'raw-http' | 'crawlee-playwright' | 'playwright-bare';

export interface RegistryContenderArgs {
  baseUrl: string;
  codes: string[];
  concurrency: number;
  /** A scratch folder of the child (run folder, Crawlee storage). */
  dir: string;
  /** The configured Chromium (config `chromiumPath`, CHROMIUM_PATH), so every contender launches the same one. */
  chromiumPath?: string;
}

export interface RegistryContenderResult {
  contender: RegistryContenderId;
  /** From the start (browser launch included) to the last record stored, ms. */
  wallMs: number;
  cpuMs: number;
  summary: LookupSummary;
  /** Versions and settings worth printing next to the figure. */
  notes: Record<string, string | number | boolean>;
}
