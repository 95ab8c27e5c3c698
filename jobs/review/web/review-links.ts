import { isoInZone } from '../../runtime/calendar';

/**
 * Where the pages link to outside the ledger: the runs page and the run-file route of the web
 * shell (scripts/cli/actions/web.ts hands in the shell's own when they differ from these).
 */
export interface ReviewLinks {
  run(runId: string): string;
  /** A file of a run folder (an evidence page, a screenshot), `file` relative to the run folder. */
  runFile(runId: string, file: string): string;
}

const pathOf = (value: string): string => value.split('/').map(encodeURIComponent).join('/');

export const DEFAULT_REVIEW_LINKS: ReviewLinks = {
  run: (runId) => `/runs/${pathOf(runId)}`,
  runFile: (runId, file) => `/runs/${pathOf(runId)}/files/${pathOf(file)}`,
};

export const caseHref = (id: number): string => `/cases/${id}`;

/** `2026-12-07 09:30` in Asia/Shanghai, where the bank's day is. */
export const shanghaiTime = (at: Date): string => isoInZone(at, 'Asia/Shanghai').slice(0, 16).replace('T', ' ');
