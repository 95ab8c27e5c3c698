import path from 'node:path';

/** How a run-store file is answered: its content type, and whether the browser shows it or saves it. */
export interface RunFileType {
  contentType: string;
  inline: boolean;
  /** A portal page kept as evidence: shown, but sandboxed so none of its scripts or forms run on our site. */
  sandbox?: boolean;
}

const TYPES: Record<string, RunFileType> = {
  '.pdf': { contentType: 'application/pdf', inline: true },
  '.xlsx': { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', inline: false },
  '.json': { contentType: 'application/json; charset=utf-8', inline: true },
  '.jsonl': { contentType: 'application/x-ndjson; charset=utf-8', inline: false },
  '.csv': { contentType: 'text/csv; charset=utf-8', inline: false },
  '.txt': { contentType: 'text/plain; charset=utf-8', inline: true },
  '.log': { contentType: 'text/plain; charset=utf-8', inline: true },
  '.png': { contentType: 'image/png', inline: true },
  '.jpg': { contentType: 'image/jpeg', inline: true },
  '.jpeg': { contentType: 'image/jpeg', inline: true },
  '.svg': { contentType: 'image/svg+xml', inline: true, sandbox: true },
  '.html': { contentType: 'text/html; charset=utf-8', inline: true, sandbox: true },
  '.htm': { contentType: 'text/html; charset=utf-8', inline: true, sandbox: true },
};

/** Anything else is bytes to save, never content the browser interprets. */
const OTHER: RunFileType = { contentType: 'application/octet-stream', inline: false };

export function runFileType(file: string): RunFileType {
  return TYPES[path.extname(file).toLowerCase()] ?? OTHER;
}
