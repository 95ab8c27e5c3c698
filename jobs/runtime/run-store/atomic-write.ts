import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file so that readers see the old content or the new, never half: temp file, then rename. */
export async function writeFileAtomic(file: string, data: string | Buffer, mode = 0o600): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(tmp, data, { mode });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw withFileName(err, file);
  }
}

/**
 * A full disk says only "ENOSPC: no space left on device, write": name the file that could not be
 * written (keeping the code, so callers can still tell ENOSPC from EACCES).
 */
function withFileName(err: unknown, file: string): Error {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.message !== 'string' || e.message.includes(file)) return err as Error;
  return Object.assign(new Error(`cannot write ${file}: ${e.message}`, { cause: err }), { code: e.code });
}

export async function writeJsonAtomic(file: string, value: unknown, mode = 0o600): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, mode);
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const buf = await readFile(file);
  return { sha256: createHash('sha256').update(buf).digest('hex'), bytes: (await stat(file)).size };
}
