/** Job payloads carry references (ids, paths, counts, checksums), never the records themselves. */
export interface ExtractPayload {
  runId: string;
  job: string;
  date: string;
  revision: number;
  runDir: string;
  botId: string;
  input: unknown;
  /** Portal base URL for this run (fixture runs); otherwise the worker's config says. */
  portalUrl?: string;
}

export interface BuildPayload {
  runId: string;
  job: string;
  date: string;
  revision: number;
  runDir: string;
  startedAt: string;
  options: Record<string, unknown>;
}

export interface BuildReturn {
  runId: string;
  runDir: string;
  status: 'ok' | 'partial' | 'failed';
  outputs: string[];
}

export interface DeliverPayload {
  runId: string;
  runDir: string;
}
