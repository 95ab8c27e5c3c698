import { appendFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface AuditEntry {
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  /** Who acted; defaults to the OS user (`actor()`). */
  who?: string;
}

/** Who is acting: the configured admin name (`adminName`, OPSBOT_ADMIN) when an admin tool sets one, else the OS user. */
export function actor(adminName?: string): string {
  if (adminName) return adminName;
  try {
    return os.userInfo().username;
  } catch {
    return `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}

/**
 * Appends one JSON line to the audit log. Append-only by construction: the file is opened with
 * O_APPEND and each entry is written in one call, so concurrent writers never interleave a line
 * and nothing earlier is ever rewritten.
 */
export async function appendAudit(file: string, entry: AuditEntry, now = new Date()): Promise<Record<string, unknown>> {
  const line = { at: now.toISOString(), host: os.hostname(), ...entry, who: entry.who ?? actor() };
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, `${JSON.stringify(line)}\n`, { flag: 'a', mode: 0o600 });
  return line;
}
